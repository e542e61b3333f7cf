namespace Newsroom.Domain;

/// <summary>A newsroom rule refused the change. The message is written for the person who asked for it.</summary>
public class DomainRuleException(string message) : Exception(message);
