//! The policy model: parsing and validation, its content-rule fields, and its layers.

mod content;
mod layers;
mod validation;
