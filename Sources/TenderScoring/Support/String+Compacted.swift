extension String {
    /// The same text in storage of its own size.
    ///
    /// Text built by interpolation or by appending keeps the room it grew into, up to about twice its length. An
    /// evaluation of thousands of tenders keeps tens of thousands of such explanations (a gate's, a part's, a
    /// criterion's reason, a flag's message) from when they are made until its result is written: each is kept
    /// compacted. Text of up to 15 bytes is stored inline and returned as it is. For text made at run time: a literal
    /// needs no storage of its own, and would be given one.
    package var compacted: String {
        guard utf8.count > 15 else { return self }
        let copy = utf8.withContiguousStorageIfAvailable { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { buffer in
                _ = buffer.initialize(fromContentsOf: bytes)
                return bytes.count
            }
        }
        return copy ?? self
    }
}
