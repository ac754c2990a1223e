//! The readers-first quality gates (`tests/quality/run.mjs`) over the demo site as `bayan build`
//! writes it: 0 Nu Html Checker errors on every page, 0 axe-core violations (WCAG 2.1 AA) on a
//! page of every kind in every language, no request to any host but the site's own, no sideways
//! scrolling at 360, 768 and 1280 px, and the Arabic about page within 40 kB gzipped.
//!
//! Needs Java (Debian `default-jre-headless`), Node with npm, and `/usr/bin/chromium`;
//! `.ci/run` installs them. Screenshots of every kind (ar, en, ku, at every width), A4 PDFs of a
//! report and a statement (ar, en) and a JSON summary are kept in `target/quality/`.

mod common;

use std::path::Path;
use std::process::Command;

#[test]
fn demo_site_passes_the_quality_gates() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gates = repo.join("tests/quality");
    let chromium = common::node_tests_ready(&gates);
    let artefacts = repo.join("target/quality");
    let site = artefacts.join("site");
    std::fs::create_dir_all(&artefacts).unwrap();
    let built = Command::new(env!("CARGO_BIN_EXE_bayan"))
        .args(["build", "--root"])
        .arg(repo)
        .arg("--output-dir")
        .arg(&site)
        .output()
        .expect("bayan runs");
    assert!(
        built.status.success(),
        "the demo site did not build:\n{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let output = Command::new("node")
        .arg(gates.join("run.mjs"))
        .arg(&site)
        .arg("--artefacts")
        .arg(&artefacts)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    println!("{report}");
    assert!(output.status.success(), "quality gates failed:\n{report}");
    assert!(report.contains("quality: 6 passed, 0 failed"), "{report}");
    let screenshots = std::fs::read_dir(artefacts.join("screenshots"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "png"))
        })
        .count();
    assert!(screenshots >= 24, "{screenshots} screenshots");
}
