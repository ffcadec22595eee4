namespace NitroConformance.Fixtures.Config;

/// <summary>A configuration file problem; the message names the file, line, column and field.</summary>
public sealed class NodeConfigException(string message) : Exception(message);
