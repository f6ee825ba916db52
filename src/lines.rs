//! Lines of input with a length limit, for the CLI's line readers (`check --jsonl`, `eval`): a
//! line longer than the limit is read past, never held, so memory stays within the limit
//! however long a line is, and the line is reported rather than the run failing.

use std::io::{self, BufRead};

/// The default limit: far above any post (the longest platform allows 63,206 characters).
pub const DEFAULT_MAX: usize = 8 << 20;

/// One line, without its `\n`, or how long it was when over the limit.
#[derive(Debug, PartialEq)]
pub enum Line {
    Text(Vec<u8>),
    TooLong(u64),
}

/// The lines of `input`, each at most `max` bytes held at a time.
pub struct Bounded<R> {
    input: R,
    max: usize,
}

impl<R: BufRead> Bounded<R> {
    pub fn new(input: R, max: usize) -> Self {
        Bounded { input, max }
    }
}

impl<R: BufRead> Iterator for Bounded<R> {
    type Item = io::Result<Line>;

    fn next(&mut self) -> Option<io::Result<Line>> {
        let mut line = Vec::new();
        let (mut len, mut over, mut any) = (0u64, false, false);
        loop {
            let chunk = match self.input.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Some(Err(e)),
            };
            if chunk.is_empty() {
                if !any {
                    return None; // the end, after a final "\n" or of empty input
                }
                break;
            }
            any = true;
            let (part, end) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (&chunk[..i], Some(i + 1)),
                None => (chunk, None),
            };
            len += part.len() as u64;
            if !over && line.len() + part.len() > self.max {
                over = true;
                line = Vec::new(); // give the memory back now
            }
            if !over {
                line.extend_from_slice(part);
            }
            let used = end.unwrap_or(part.len());
            self.input.consume(used);
            if end.is_some() {
                break;
            }
        }
        Some(Ok(if over {
            Line::TooLong(len)
        } else {
            Line::Text(line)
        }))
    }
}
