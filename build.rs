// The theme is embedded with include_dir, which cannot tell cargo about files added later.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=src/scaffold/files");
}
