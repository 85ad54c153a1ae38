// libFuzzer target: scenario files (YAML): composer, nesting limit and reader. Built by scripts/fuzz
// against the scenario sources and the system's libyaml.
@_cdecl("LLVMFuzzerTestOneInput")
public func scenarioParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let scenario = try ScenarioParser.parse(text, file: "fuzz.yaml")
        guard !scenario.tasks.isEmpty, scenario.tasks.count <= ScenarioParser.maximumTasks,
              scenario.steps.count <= ScenarioParser.maximumSteps else {
            fatalError("a scenario outside its limits was accepted")
        }
    } catch {
        // An error is one inert line.
        let message = error.description
        guard !TerminalSafeText.containsUnsafe(message) else {
            fatalError("unsafe scenario error: \(message.prefix(200).debugDescription)")
        }
    }
    return 0
}
