extension Theme {
    /// Every role's style fitted to `capability`, ready for a terminal backend. Roles the theme
    /// leaves out fall back as `style(for:)` does, so the result always covers every `StyleRole`.
    public func palette(for capability: ColorCapability) -> [StyleRole: ResolvedStyle] {
        Dictionary(uniqueKeysWithValues: StyleRole.allCases.map { role in
            (role, style(for: role).resolved(for: capability))
        })
    }
}
