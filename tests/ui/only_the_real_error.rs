use mcproto::prelude::*;

#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq)]
#[mc(tag = u8)]
enum Face {
    Bottom,
    #[mc(tga = 1)]
    Top,
}

#[derive(Packet, Debug, Clone, PartialEq)]
#[packet(id = 0x08, state = Play, direction = Serverbound)]
struct Place {
    #[mc(as = varnit)]
    face: Face,
    #[mc(as = u8)]
    other_face: Face,
}

// Uses of both types elsewhere compile: only the attribute errors above are reported.
fn use_them() -> mcproto::Result<()> {
    let p = Place {
        face: Face::Top,
        other_face: Face::Bottom,
    };
    let mut w = Vec::new();
    p.encode(&mut Writer::new(&mut w, ProtocolVersion(47)))?;
    let back = Place::decode(&mut Reader::new(&w, ProtocolVersion(47)))?;
    let _ = Place::describe(ProtocolVersion(47));
    let _ = Place::META.name;
    assert_eq!(back, p);
    Ok(())
}

fn main() {
    let _ = use_them();
}
