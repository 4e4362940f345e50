use mcproto::prelude::*;

// Title's actions were renumbered in 315; a new action took 2.
#[derive(Encode)]
#[mc(tag = varint)]
enum Title {
    #[mc(tag = 0)]
    SetTitle,
    #[mc(tag = 1)]
    SetSubtitle,
    #[mc(since = 315, tag = 2)]
    SetActionBar,
    // Correct: 2 until 315, 3 from then on.
    #[mc(tag(47 = 2, 315 = 3))]
    SetTimes,
    // Wrong: 3 is SetTimes' from 315 on.
    #[mc(tag(47 = 3, 107 = 3))]
    Hide,
    // Wrong: 1 is SetSubtitle's in every version.
    #[mc(before = 315, tag = 1)]
    Reset,
}

fn main() {}
