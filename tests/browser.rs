//! Runs the browser tests (`tests/browser/*.test.mjs`): Node drives Debian's Chromium through
//! playwright-core against the real `bayan` binary. Needs `node`, `npm` and `/usr/bin/chromium`
//! (Debian packages `nodejs`, `npm`, `chromium`; `.ci/run` installs them).

use std::path::Path;
use std::process::Command;

#[test]
fn browser_tests_pass() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "the browser tests need Chromium at {chromium}: install Debian's package (apt-get install chromium), or set CHROMIUM"
    );
    if !dir.join("node_modules/playwright-core").exists() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .status()
            .expect("npm runs (Debian package npm)");
        assert!(status.success(), "npm ci failed in tests/browser");
    }
    let output = Command::new("node")
        .args(["--test", "--test-concurrency=1"])
        .arg(dir.join("preview.test.mjs"))
        .arg(dir.join("media.test.mjs"))
        .arg(dir.join("signup.test.mjs"))
        .arg(dir.join("fonts.test.mjs"))
        .env("BAYAN_BIN", env!("CARGO_BIN_EXE_bayan"))
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    println!("{report}");
    assert!(output.status.success(), "browser tests failed:\n{report}");
    assert!(report.contains("# fail 0"), "{report}");
}
