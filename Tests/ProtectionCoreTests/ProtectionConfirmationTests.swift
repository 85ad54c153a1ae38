import Foundation
import Testing
@testable import ProtectionCore

/// The rule `protect`, `unprotect` and `protect --keep` judge an answer by: protected means
/// enabled with an expiry after the answer's own `Date`, else after the time it arrived.
@Suite struct ProtectionConfirmationTests {
    static let date = Date(timeIntervalSince1970: 1_000_000_000)

    static func response(enabled: Bool, expiresIn seconds: TimeInterval?, serverDate: Date?, receivedAt: Date = date) -> ProtectionResponse {
        ProtectionResponse(
            result: .protection(TaskProtection(enabled: enabled, expirationDate: seconds.map { date.addingTimeInterval($0) }, taskArn: "arn")),
            httpStatus: 200, serverDate: serverDate, sentAt: receivedAt, receivedAt: receivedAt)
    }

    @Test func protectedOnlyWhenEnabledWithAnExpiryAfterTheAnswersOwnDate() {
        #expect(Self.response(enabled: true, expiresIn: 60, serverDate: Self.date).notProtectedReason == nil)
        #expect(Self.response(enabled: false, expiresIn: nil, serverDate: Self.date).notProtectedReason == "ProtectionEnabled is false")
        #expect(Self.response(enabled: true, expiresIn: nil, serverDate: Self.date).notProtectedReason != nil)
        #expect(Self.response(enabled: true, expiresIn: 0, serverDate: Self.date).notProtectedReason != nil)
        #expect(Self.response(enabled: true, expiresIn: -1, serverDate: Self.date).notProtectedReason != nil)
        // The local clock a day ahead does not matter while the answer has a Date header.
        let later = Self.date.addingTimeInterval(86_400)
        #expect(Self.response(enabled: true, expiresIn: 60, serverDate: Self.date, receivedAt: later).notProtectedReason == nil)
        // Without one (an ECS API answer through a proxy that drops it), the time it arrived.
        #expect(Self.response(enabled: true, expiresIn: 60, serverDate: nil, receivedAt: later).notProtectedReason != nil)
        #expect(Self.response(enabled: true, expiresIn: 60, serverDate: nil).notProtectedReason == nil)
        // Not a protection answer: counted elsewhere.
        let failure = ProtectionResponse(result: .failure(ProtectionFailure(arn: "a", reason: "MISSING", detail: nil)),
                                         httpStatus: 200, serverDate: nil, sentAt: Self.date, receivedAt: Self.date)
        #expect(failure.notProtectedReason == nil && failure.stillProtectedReason == nil)
    }

    @Test func stillProtectedWhileEnabledWithAnExpiryAfterTheAnswersDate() throws {
        #expect(Self.response(enabled: false, expiresIn: nil, serverDate: Self.date).stillProtectedReason == nil)
        #expect(Self.response(enabled: true, expiresIn: 60, serverDate: Self.date).stillProtectedReason != nil)
        #expect(Self.response(enabled: true, expiresIn: nil, serverDate: Self.date).stillProtectedReason != nil)
        #expect(Self.response(enabled: true, expiresIn: -5, serverDate: Self.date).stillProtectedReason == nil)
        let answer = Self.response(enabled: false, expiresIn: nil, serverDate: Self.date)
        #expect(answer.shortfall(for: try .protect(minutes: 5)) != nil)
        #expect(answer.shortfall(for: .unprotect) == nil)
    }
}
