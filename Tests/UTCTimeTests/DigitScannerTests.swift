import Testing
import UTCTime

@Suite struct DigitScannerTests {
    @Test func scansAFixedLayout() {
        var scanner = DigitScanner("2030-01-02T03.125Z")
        let year = scanner.number(digits: 4)
        let dash = scanner.expect("-")
        let month = scanner.number(digits: 2)
        let colon = scanner.expect(":")
        let dashOrColon = scanner.expect(anyOf: ":-")
        let day = scanner.number(digits: 2)
        let separator = scanner.take(anyOf: "Tt")
        let hour = scanner.number(digits: 2)
        let dot = scanner.expect(".")
        let fraction = scanner.digitRun()
        let noMoreDigits = scanner.digitRun()
        let endedEarly = scanner.atEnd
        let zone = scanner.word(length: 1)
        #expect([year, month, day, hour] == [2030, 1, 2, 3])
        #expect(dash && !colon && dashOrColon && dot)
        #expect(separator == UInt8(ascii: "T"))
        #expect(fraction == Array("125".utf8) && noMoreDigits.isEmpty)
        #expect(!endedEarly && zone == "Z" && scanner.atEnd)
        let pastTheEnd = scanner.word(length: 1)
        #expect(pastTheEnd == nil)
    }

    @Test func aFailedMatchConsumesNothing() {
        var scanner = DigitScanner("2a30")
        let four = scanner.number(digits: 4)
        let one = scanner.number(digits: 1)
        let tooMany = scanner.number(digits: 5)
        let rest = scanner.word(length: 3)
        #expect(four == nil && one == 2 && tooMany == nil && rest == "a30")
    }

    @Test func onlyASCIIDigitsCount() {
        var fullWidth = DigitScanner("２０３０")
        let number = fullWidth.number(digits: 4)
        let run = fullWidth.digitRun()
        #expect(number == nil && run.isEmpty)
        var arabicIndic = DigitScanner("٢٠")
        let arabic = arabicIndic.number(digits: 2)
        #expect(arabic == nil)
    }
}
