import Foundation
import Testing
@testable import ProtectionCore

/// `DecimalText` must write what `printf` (here `String(format:)`) writes: the program used it for
/// the events file, the simulator's headers and the dashboard's texts.
@Suite struct DecimalTextTests {
    @Test func fixedAgreesWithPrintf() {
        var random = SeededRandomNumberGenerator(seed: 28)
        var values: [Double] = [0, -0.0, 0.05, 0.25, 0.35, 0.45, 1.5, 2.5, -2.5, 0.125, 0.0005, 1e-300, .leastNonzeroMagnitude,
                                123_456.789, 9.99, 9.95, 99.95, 1e15 + 0.5, 4.35, 2.675, 1e18, -1e-7, 0.1, 0.7]
        for _ in 0..<3000 {
            values.append(Double.random(in: -1e6...1e6, using: &random))
            values.append(Double.random(in: 0...1, using: &random))
            // Ties and near-ties: hundredths and thousandths as written in decimal.
            values.append(Double(Int.random(in: -100_000...100_000, using: &random)) / 1000)
            values.append(Double(Int.random(in: 0...100_000, using: &random)) / 200)
        }
        for value in values {
            for decimals in 0...6 {
                #expect(DecimalText.fixed(value, decimals: decimals) == String(format: "%.\(decimals)f", value), "\(value) %.\(decimals)f")
            }
        }
    }

    @Test func significantAgreesWithPrintf() {
        var random = SeededRandomNumberGenerator(seed: 6)
        var values: [Double] = [0.5, 1.5, 0.167, 1.0 / 6, 2880.0 / 7, 1234.5, 999.5, 9.995, 0.00012345, 0.0001, 0.00009999, 100.5,
                                99.95, 2.25, 0.001, 12345.678, 1e-5, 1e21, -3.5, 0]
        for _ in 0..<2000 {
            values.append(Double(Int.random(in: 1...2880, using: &random)) / Double.random(in: 1...1000, using: &random))
            values.append(Double.random(in: 0...0.01, using: &random))
        }
        for value in values {
            for digits in [1, 3, 6] {
                #expect(DecimalText.significant(value, digits: digits) == String(format: "%.\(digits)g", value), "\(value) %.\(digits)g")
            }
        }
    }

    @Test func specialValues() {
        #expect(DecimalText.fixed(.infinity, decimals: 1) == "inf")
        #expect(DecimalText.fixed(-.infinity, decimals: 1) == "-inf")
        #expect(DecimalText.fixed(.nan, decimals: 1) == "nan")
        #expect(DecimalText.fixed(-0.04, decimals: 1) == "-0.0")
        #expect(DecimalText.fixed(1e19, decimals: 1) == "1e+19")
    }
}
