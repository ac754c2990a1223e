//! How long each stage took, printed when `BAYAN_TIMINGS` is set: for profiling, not for users.

use std::time::Instant;

/// Prints the time since the previous lap (or since it was made) under a stage's name.
pub struct StageTimer {
    enabled: bool,
    last: Instant,
}

impl StageTimer {
    pub fn new() -> Self {
        StageTimer {
            enabled: std::env::var_os("BAYAN_TIMINGS").is_some(),
            last: Instant::now(),
        }
    }

    pub fn lap(&mut self, stage: &str) {
        if self.enabled {
            eprintln!(
                "timing: {stage:<12} {:>7.1} ms",
                self.last.elapsed().as_secs_f64() * 1000.0
            );
        }
        self.last = Instant::now();
    }
}

impl Default for StageTimer {
    fn default() -> Self {
        Self::new()
    }
}
