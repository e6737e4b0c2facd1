fn main() {
    groundwork::interrupt::install();
    std::process::exit(groundwork::run(std::env::args_os()));
}
