fn main() {
    use mcproto::packets::*;
    println!("Error {}", std::mem::size_of::<mcproto::Error>());
    println!("ErrorKind {}", std::mem::size_of::<mcproto::ErrorKind>());
    println!("PlayServerbound {}", std::mem::size_of::<PlayServerbound>());
    println!(
        "Result<PlayServerbound> {}",
        std::mem::size_of::<mcproto::Result<PlayServerbound>>()
    );
    println!("PlayClientbound {}", std::mem::size_of::<PlayClientbound>());
    println!(
        "PlayerPosition {}",
        std::mem::size_of::<play::serverbound::PlayerPosition>()
    );
    println!(
        "Result<PlayerPosition> {}",
        std::mem::size_of::<mcproto::Result<play::serverbound::PlayerPosition>>()
    );
    println!(
        "Result<f64> {}",
        std::mem::size_of::<mcproto::Result<f64>>()
    );
    println!(
        "Result<(i32,usize)> {}",
        std::mem::size_of::<mcproto::Result<(i32, usize)>>()
    );
}
