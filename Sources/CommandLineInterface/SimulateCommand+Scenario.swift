import OneShotCommands
import AgentSimulator
import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import GameDay
import ProtectionClient
import ProtectionCore
import SafeText

extension SimulateCommand {
    /// `simulate --scenario FILE`: serves the scenario's world and plays its timeline, printing each
    /// step on standard error as it runs. Returns the exit status.
    func runScenario(path: String, identity: DrillIdentity) async -> Int32 {
        let scenario: Scenario
        do {
            scenario = try ScenarioParser.load(nameOrPath: path)
            try ScenarioSpeed.check(scenario, speed: speed, file: path)
        } catch {
            Self.printError("ecs-protect simulate: \(error.description)")
            return ExitStatus.usage
        }
        var sinks: [any TimelineSink] = []
        var writer: TimelineWriter?
        if let events {
            do {
                let opened = try DrillEvents.writer(path: events, identity: identity, command: "simulate",
                                                    details: ["speed": String(speed), "scenario": path])
                writer = opened
                sinks.append(opened)
            } catch {
                Self.printError("ecs-protect simulate: \(error.description)")
                return ExitStatus.usage
            }
        }
        defer { writer?.close() }
        if let hostWarning { Self.printError(hostWarning) }
        var base = SimulatorConfiguration(host: listenHost, port: port, taskCount: scenario.tasks.count,
                                          ecsCallTimeout: .milliseconds(Int64(ecsTimeout * 1000)), controlPort: controlPort)
        base.ecsAPIPort = apiPort
        let client = AgentHTTPClient(configuration: .init(requestTimeout: max(6, ecsTimeout + 2)))
        let player = ScenarioPlayer(scenario: scenario, base: base, playback: RealtimePlaybackClock(speed: speed),
                                    sink: TimelineFanOut(sinks), transport: client)
        do {
            try await player.start()
        } catch {
            Self.printError("ecs-protect simulate: cannot listen on \(listenHost):\(port): \(error)")
            await client.shutdown()
            return ExitStatus.unreachable
        }
        for uri in player.simulator.agentURIs { print(uri) }
        var banner = "scenario: \(TerminalSafeText.inert(scenario.name)) (\(scenario.steps.count) steps)\n"
        for (index, uri) in player.simulator.agentURIs.enumerated() {
            banner += "  \(player.label(ofTask: index))=\(uri)\n"
        }
        if let control = player.simulator.controlURL { banner += "control: \(control)\n" }
        Self.printError(banner + Self.exportLines(player.simulator, drill: identity.drill), newline: false)
        fflush(nil)

        // Sample about once a second of scenario time, at most every 250 ms of real time.
        let sampling = Duration.milliseconds(max(5, Int64(250 / speed)))
        let observer = Task { await player.observe(every: sampling) }
        let playing = Task {
            try await player.play { number, step in
                Self.printError("[\(ScenarioDuration.text(step.at))] step \(number)/\(scenario.steps.count): "
                                + TerminalSafeText.inert(step.action.summary))
            }
            Self.printError("scenario finished")
        }
        let stopper = Task {
            let signal = await TerminationSignalWaiter.wait(for: [SIGINT, SIGTERM])
            playing.cancel()
            return signal
        }
        let played: Void? = try? await playing.value
        // Without --exit-at-end the world keeps being served after the last step, until a signal.
        if !exitAtEnd || played == nil {
            Self.printError("stopped on signal \(await stopper.value)")
        }
        observer.cancel()
        _ = await observer.value
        player.sample()
        try? await player.simulator.shutdown()
        await client.shutdown()
        if let writer, writer.failedWrites > 0 {
            Self.printError("ecs-protect simulate: \(writer.failedWrites) events could not be written to \(events ?? "")")
            return ExitStatus.answeredWithProblem
        }
        return ExitStatus.success
    }

    /// One or more lines on standard error, each made inert (see ``StandardError``).
    static func printError(_ text: String, newline: Bool = true) {
        StandardError.write(text)
    }
}
