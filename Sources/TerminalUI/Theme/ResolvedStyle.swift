/// A style ready for the terminal backend: concrete colours plus attributes.
public struct ResolvedStyle: Sendable, Hashable {
    public var foreground: ResolvedColor
    public var background: ResolvedColor
    public var attributes: ThemeAttributes

    public init(foreground: ResolvedColor, background: ResolvedColor, attributes: ThemeAttributes) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's own colours, no attributes: how a role the palette leaves out is drawn.
    public static let plain = ResolvedStyle(foreground: .terminalDefault, background: .terminalDefault, attributes: [])
}

extension ThemeStyle {
    /// This style fitted to the terminal. With `.none` only the attributes remain.
    ///
    /// Fewer colours can fold two different theme colours into one (bright white on white in
    /// 8 colours); text would then vanish, so the foreground becomes black or white, whichever
    /// stands out from the background.
    public func resolved(for capability: ColorCapability) -> ResolvedStyle {
        var foreground = self.foreground.resolved(for: capability)
        let background = self.background.resolved(for: capability)
        if foreground == background, foreground != .terminalDefault, self.foreground != self.background,
           let backgroundRGB = background.approximateRGB {
            let white: UInt8 = capability == .ansi8 ? 7 : 15
            foreground = .palette(backgroundRGB.luma >= 128 ? 0 : white)
        }
        return ResolvedStyle(foreground: foreground, background: background, attributes: attributes)
    }
}
