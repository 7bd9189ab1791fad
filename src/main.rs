//! Entry point of the explorer: installs the panic hook and mounts the app. Everything else is in `lib.rs`.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(paperscope_app::App);
}
