
/// The look of every role, already fitted to the terminal's `ColorCapability`
/// (see `Theme.palette(for:)`); roles that are missing are drawn `ResolvedStyle.plain`.
public typealias StylePalette = [StyleRole: ResolvedStyle]
