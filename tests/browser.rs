//! Runs the browser tests (`tests/browser/*.test.mjs`): Node drives Debian's Chromium through
//! playwright-core against the real `bayan` binary. Needs `node`, `npm` and `/usr/bin/chromium`
//! (Debian packages `nodejs`, `npm`, `chromium`; `.ci/run` installs them).

mod common;

use std::path::Path;
use std::process::Command;

#[test]
fn browser_tests_pass() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = common::node_tests_ready(&dir);
    let output = Command::new("node")
        .args(["--test", "--test-concurrency=1"])
        .arg(dir.join("preview.test.mjs"))
        .arg(dir.join("media.test.mjs"))
        .arg(dir.join("signup.test.mjs"))
        .arg(dir.join("fonts.test.mjs"))
        .arg(dir.join("search.test.mjs"))
        .arg(dir.join("theme.test.mjs"))
        .arg(dir.join("typography.test.mjs"))
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
