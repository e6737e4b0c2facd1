fn main() {
    groundwork::crash::install();
    groundwork::interrupt::install();
    std::process::exit(groundwork::run(std::env::args_os()));
}
