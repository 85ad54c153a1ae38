import Testing
@testable import TerminalUI

@Suite struct ThemeParserTests {
    @Test func parsesEveryColourFormAndAttribute() throws {
        let theme = try ThemeParser.parse(text: """
            # a comment
            description = Test theme   # trailing comment
            inherits = light

              text = default
            header = bright-white on blue bold
            muted = 244 dim
            lapsed = #DC322F on #002b36 bold underline # inline comment
            selection = reverse
            pending = on 17
            STALE = Magenta Dim
            """, fileName: "/tmp/test.theme")

        #expect(theme.name == "test")
        #expect(theme.summary == "Test theme")
        #expect(theme.parentName == "light")
        #expect(theme.origin == .file(path: "/tmp/test.theme"))
        #expect(theme.styles[.text] == ThemeStyle())
        #expect(theme.styles[.header] == ThemeStyle(foreground: .named(.brightWhite), background: .named(.blue), attributes: .bold))
        #expect(theme.styles[.muted] == ThemeStyle(foreground: .indexed(244), attributes: .dim))
        #expect(theme.styles[.lapsed] == ThemeStyle(
            foreground: .rgb(RGB(0xdc, 0x32, 0x2f)), background: .rgb(RGB(0, 0x2b, 0x36)), attributes: [.bold, .underline]))
        #expect(theme.styles[.selection] == ThemeStyle(attributes: .reverse))
        #expect(theme.styles[.pending] == ThemeStyle(background: .indexed(17)))
        #expect(theme.styles[.stale] == ThemeStyle(foreground: .named(.magenta), attributes: .dim))
        #expect(theme.styles.count == 7)
    }

    @Test func missingRolesFallBackToTheBundledDefault() throws {
        let theme = try ThemeParser.parse(text: "text = red\n", fileName: "partial.theme")
        #expect(theme.style(for: .text).foreground == .named(.red))
        #expect(theme.style(for: .protected) == Theme.bundledDefault.styles[.protected])
        #expect(theme.style(for: .protected) != .plain)
    }

    @Test func styleDescriptionRoundTrips() throws {
        let text = "header = bright-white on #0a0b0c bold underline\nmuted = 244\nselection = default reverse\n"
        let theme = try ThemeParser.parse(text: text, fileName: "a.theme")
        for role in [StyleRole.header, .muted, .selection] {
            let style = try #require(theme.styles[role])
            let again = try ThemeParser.parse(text: "\(role.rawValue) = \(style)", fileName: "b.theme")
            #expect(again.styles[role] == style)
        }
    }

    static let mistakes: [(text: String, line: Int, problem: ThemeError.Problem)] = [
        ("text = default\nheader blue\n", 2, .missingEquals),
        ("\n\n= red\n", 3, .missingKey),
        ("text =   # nothing\n", 1, .missingValue(key: "text")),
        ("# c\ntxt = red\n", 2, .unknownRole("txt")),
        ("text = red\nmuted = bleu\n", 2, .unknownColour("bleu")),
        ("text = 256\n", 1, .colourIndexOutOfRange("256")),
        ("text = 99999999999999999999\n", 1, .colourIndexOutOfRange("99999999999999999999")),
        ("text = #12345\n", 1, .badHexColour("#12345")),
        ("text = #gg0000\n", 1, .badHexColour("#gg0000")),
        ("text = red #comment-without-space\n", 1, .badHexColour("#comment-without-space")),
        ("text = red 300\n", 1, .colourIndexOutOfRange("300")),
        ("text = red bolt\n", 1, .unknownAttribute("bolt")),
        ("text = red bold bold\n", 1, .repeatedAttribute("bold")),
        ("text = bold red\n", 1, .misplacedColour("red")),
        ("text = red blue\n", 1, .misplacedColour("blue")),
        ("text = bold on blue\n", 1, .misplacedColour("on")),
        ("text = red on\n", 1, .missingBackground),
        ("text = red on bold\n", 1, .unknownColour("bold")),
        ("text = red\n\nmuted = dim\ntext = blue\n", 4, .duplicateRole("text", firstLine: 1)),
        ("inherits = light\ninherits = mono\n", 2, .duplicateHeader("inherits", firstLine: 1)),
    ]

    @Test(arguments: 0..<ThemeParserTests.mistakes.count)
    func eachMistakeNamesFileLineAndProblem(index: Int) {
        let mistake = Self.mistakes[index]
        #expect {
            try ThemeParser.parse(text: mistake.text, fileName: "light.theme")
        } throws: { error in
            guard let error = error as? ThemeError else { return false }
            return error.fileName == "light.theme" && error.line == mistake.line && error.problem == mistake.problem
        }
    }

    @Test func errorMessageReadsLikeACompilerDiagnostic() {
        let text = String(repeating: "# comment\n", count: 11) + "text = bleu\n"
        do {
            _ = try ThemeParser.parse(text: text, fileName: "light.theme")
            Issue.record("expected an error")
        } catch {
            #expect(error.description
                == "light.theme:12: unknown colour 'bleu' (expected default, a colour name, 0-255 or #rrggbb)")
        }
    }

    @Test func unknownRoleMessageListsTheRoles() {
        let error = ThemeError(fileName: "x.theme", line: 3, problem: .unknownRole("txt"))
        #expect(error.description.hasPrefix("x.theme:3: unknown role 'txt'"))
        #expect(error.description.contains("expiring-soon"))
    }

    @Test func crlfLinesAndHashInsideHexAreHandled() throws {
        let theme = try ThemeParser.parse(text: "text = #ff0000\r\n#full-line comment\r\nmuted = dim\r\n", fileName: "w.theme")
        #expect(theme.styles[.text] == ThemeStyle(foreground: .rgb(RGB(255, 0, 0))))
        #expect(theme.styles[.muted] == ThemeStyle(attributes: .dim))
    }

    @Test func themeNameComesFromTheFileName() {
        #expect(ThemeParser.themeName(fromFileName: "/home/op/.config/ecs-protect/themes/night.theme") == "night")
        #expect(ThemeParser.themeName(fromFileName: "plain") == "plain")
    }
}
