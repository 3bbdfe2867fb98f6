extension QRCode {
    /// The code as a standalone SVG for a page to inline or serve: the dark modules as one path, each
    /// row's runs of dark modules merged into one rectangle, with a light quiet zone around it (four modules
    /// is the standard's minimum). No script and no style, the title escaped for the `aria-label` and
    /// `<title>`, whole-number coordinates, so the same code always gives the same bytes.
    public func svg(moduleSize: Int = 4, quietZone: Int = 4, title: String) -> String {
        let side = (size + 2 * quietZone) * moduleSize
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                let start = x
                while isDark(x: x, y: y) { x += 1 }
                let width = (x - start) * moduleSize
                path +=
                    "M\((start + quietZone) * moduleSize) \((y + quietZone) * moduleSize)"
                    + "h\(width)v\(moduleSize)h-\(width)z"
            }
        }
        let label = SVGChart.escape(title)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" role=\"img\" "
            + "aria-label=\"\(label)\"><title>\(label)</title><path d=\"\(path)\"/></svg>"
    }
}
