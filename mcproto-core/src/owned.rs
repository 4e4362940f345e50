//! Owned forms of values that borrow from a frame: [`IntoOwned`].

use std::borrow::Cow;

/// A value that may borrow (a packet decoded from a frame, a `Cow`), and
/// the same value borrowing nothing.
///
/// `#[derive(Packet)]` and `#[derive(Decode)]` implement it for a type with
/// a lifetime parameter: its owned form is the same type at `'static`,
/// each field whose type names the lifetime converted and the others
/// moved. For a packet without a lifetime the owned form is the packet
/// itself. The owned form is what a [`Registry`](crate::Registry) keys a
/// packet type on, and what an [`AnyPacket`](crate::AnyPacket) holds.
pub trait IntoOwned {
    /// The same value, borrowing nothing.
    type Owned: 'static;
    /// Converts, copying only what is borrowed (an owned `Cow` is moved).
    fn into_owned(self) -> Self::Owned;
}

impl<B: ToOwned + ?Sized + 'static> IntoOwned for Cow<'_, B> {
    type Owned = Cow<'static, B>;
    #[inline]
    fn into_owned(self) -> Cow<'static, B> {
        Cow::Owned(Cow::into_owned(self))
    }
}

impl<T: IntoOwned> IntoOwned for Option<T> {
    type Owned = Option<T::Owned>;
    #[inline]
    fn into_owned(self) -> Self::Owned {
        self.map(T::into_owned)
    }
}

impl<T: IntoOwned> IntoOwned for Vec<T> {
    type Owned = Vec<T::Owned>;
    fn into_owned(self) -> Self::Owned {
        self.into_iter().map(T::into_owned).collect()
    }
}

impl<T: IntoOwned> IntoOwned for Box<T> {
    type Owned = Box<T::Owned>;
    fn into_owned(self) -> Self::Owned {
        Box::new((*self).into_owned())
    }
}

impl IntoOwned for crate::packet::RawPacket<'_> {
    type Owned = crate::packet::RawPacket<'static>;
    fn into_owned(self) -> Self::Owned {
        crate::packet::RawPacket::into_owned(self)
    }
}

macro_rules! already_owned {
    ($($ty:ty),* $(,)?) => {$(
        impl IntoOwned for $ty {
            type Owned = $ty;
            #[inline(always)]
            fn into_owned(self) -> $ty {
                self
            }
        }
    )*};
}

already_owned!(
    bool,
    u8,
    i8,
    u16,
    i16,
    u32,
    i32,
    u64,
    i64,
    f32,
    f64,
    String,
    bytes::Bytes,
    crate::types::Chat,
    crate::types::Uuid,
    crate::types::Position,
    crate::types::Slot,
    crate::types::Nbt,
    crate::types::Metadata,
    crate::types::VarInt,
    crate::types::VarLong,
    crate::types::Angle,
    crate::packet::PacketMeta,
    crate::registry::AnyPacket,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrowed_cows_are_copied_and_owned_ones_moved() {
        let text = String::from("hello");
        let borrowed: Cow<'_, str> = Cow::Borrowed(&text);
        let owned: Cow<'static, str> = IntoOwned::into_owned(borrowed);
        assert!(matches!(owned, Cow::Owned(ref s) if s == "hello"));
        let v = vec![1u8, 2, 3];
        let ptr = v.as_ptr();
        let moved = IntoOwned::into_owned(Cow::<[u8]>::Owned(v));
        assert_eq!(moved.as_ptr(), ptr);
        let nested: Vec<Option<Cow<'_, str>>> = vec![Some(Cow::Borrowed(&text)), None];
        let nested: Vec<Option<Cow<'static, str>>> = nested.into_owned();
        assert_eq!(nested[0].as_deref(), Some("hello"));
    }
}
