//! The `groundwork` binary: installs the crash and interrupt handlers, runs the library with the
//! process arguments, and exits with the code it returns.

fn main() {
    groundwork::crash::install();
    groundwork::interrupt::install();
    std::process::exit(groundwork::run(std::env::args_os()));
}
