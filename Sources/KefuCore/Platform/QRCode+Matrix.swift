extension QRCode {
    /// The square of modules while a symbol is built: which are dark, and which belong to a function
    /// pattern (finder, separator, timing, alignment, format or version information, the dark
    /// module) that the codewords flow around and the masks leave alone.
    struct Matrix: Sendable, Equatable {
        let size: Int
        private var dark: [Bool]
        private var function: [Bool]

        /// A light square with no function patterns yet.
        init(size: Int) {
            self.size = size
            self.dark = Array(repeating: false, count: size * size)
            self.function = Array(repeating: false, count: size * size)
        }

        /// Column `x`, row `y`.
        subscript(x: Int, y: Int) -> Bool {
            get { dark[y * size + x] }
            set { dark[y * size + x] = newValue }
        }

        func isFunction(x: Int, y: Int) -> Bool { function[y * size + x] }

        mutating func setFunction(x: Int, y: Int, dark: Bool) {
            self[x, y] = dark
            function[y * size + x] = true
        }
    }
}
