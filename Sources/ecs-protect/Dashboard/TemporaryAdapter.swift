import CursesTerminal
import Dashboard

extension CursesTerminal {
    var colorCapability: ColorCapability {
        switch colorDepth {
        case .none: .none
        case .ansi8: .ansi8
        case .ansi16: .ansi16
        case .indexed256: .indexed256
        case .direct: .direct
        }
    }
    func setPalette(_ palette: [StyleRole: ResolvedStyle]) {
        func color(_ c: ResolvedColor) -> TerminalColor {
            switch c {
            case .terminalDefault: .default
            case .palette(let i): .ansi(i)
            case .rgb(let rgb): .rgb(rgb.red, rgb.green, rgb.blue)
            }
        }
        setPalette(palette.mapValues { TerminalStyle(foreground: color($0.foreground), background: color($0.background), bold: $0.attributes.contains(.bold), dim: $0.attributes.contains(.dim), reverse: $0.attributes.contains(.reverse), underline: $0.attributes.contains(.underline)) })
    }
}
extension Theme {
    func palette(for capability: ColorCapability) -> [StyleRole: ResolvedStyle] {
        Dictionary(uniqueKeysWithValues: StyleRole.allCases.map { ($0, style(for: $0).resolved(for: capability)) })
    }
}
