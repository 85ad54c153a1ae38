@testable import CursesTerminal
import Testing

@Suite struct FilledSequenceCacheTests {
    /// Each pair of parameters is filled in once; the order of the two parameters matters.
    @Test func eachParameterPairIsFilledInOnce() {
        let cache = FilledSequenceCache()
        var fills = 0
        func cup(_ row: Int, _ column: Int) -> [UInt8] {
            cache.sequence(row, column) {
                fills += 1
                return Array("\u{1B}[\(row + 1);\(column + 1)H".utf8)
            }
        }
        #expect(cup(3, 7) == Array("\u{1B}[4;8H".utf8))
        #expect(cup(3, 7) == Array("\u{1B}[4;8H".utf8))
        #expect(cup(7, 3) == Array("\u{1B}[8;4H".utf8))
        #expect(cup(0, 0) == Array("\u{1B}[1;1H".utf8))
        #expect(fills == 3)
    }

    /// Parameters no screen has are filled in each time, never folded onto another key.
    @Test func parametersOutOfRangeAreFilledEveryTime() {
        let cache = FilledSequenceCache()
        var fills = 0
        for value in [-1, 32_768, -1, 32_768] {
            _ = cache.sequence(value) {
                fills += 1
                return Array("\(value)".utf8)
            }
        }
        #expect(fills == 4)
        #expect(cache.sequence(-1) { Array("-1".utf8) } == Array("-1".utf8))
    }

    /// Past its limit the cache starts again rather than growing without bound, and stays right.
    @Test func theCacheStaysBounded() {
        let cache = FilledSequenceCache()
        for value in 0..<(FilledSequenceCache.limit + 10) {
            _ = cache.sequence(value / 200, value % 200) { [UInt8(truncatingIfNeeded: value)] }
        }
        var filled = false
        #expect(cache.sequence(0, 5) { filled = true; return [5] } == [5])
        #expect(filled, "the first entries went when the cache started again")
    }
}
