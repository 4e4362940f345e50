//! An error sink that must be consumed.
//!
//! Parsing and checking report into a [`Ctxt`] instead of stopping at the
//! first mistake, so a user sees every error of a declaration at once, each
//! at its span. [`Ctxt::check`] hands them back as one `syn::Error`;
//! dropping a context without checking it is a bug in the macro, and
//! panics, so no error can be lost on the way.

use std::cell::RefCell;
use std::fmt::Display;

use proc_macro2::Span;

/// Errors gathered while parsing and checking one declaration.
pub struct Ctxt {
    // `None` once `check` has taken the errors.
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Ctxt {
    /// An empty context; it must end in [`Ctxt::check`].
    pub fn new() -> Self {
        Ctxt {
            errors: RefCell::new(Some(Vec::new())),
        }
    }

    /// Records `msg` at `span`.
    pub fn error(&self, span: Span, msg: impl Display) {
        self.syn_error(syn::Error::new(span, msg));
    }

    /// Records a parse error as it is.
    pub fn syn_error(&self, e: syn::Error) {
        self.errors
            .borrow_mut()
            .as_mut()
            .expect("Ctxt used after check")
            .push(e);
    }

    /// Consumes the context: `Ok` if nothing was recorded, otherwise every
    /// error combined into one (each still at its own span).
    pub fn check(self) -> syn::Result<()> {
        let errors = self.errors.borrow_mut().take().expect("Ctxt checked twice");
        let mut iter = errors.into_iter();
        match iter.next() {
            None => Ok(()),
            Some(mut first) => {
                for e in iter {
                    first.combine(e);
                }
                Err(first)
            }
        }
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        if !std::thread::panicking() && self.errors.borrow().is_some() {
            panic!("mcproto-derive: a Ctxt was dropped without being checked");
        }
    }
}
