// AgentSimulator
