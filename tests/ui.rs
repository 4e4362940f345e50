//! Misuses of the derive macros fail to compile with an error at the
//! offending attribute (trybuild compares the compiler output).

#[test]
fn derive_misuse_is_reported() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
