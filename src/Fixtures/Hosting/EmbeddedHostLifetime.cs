using Microsoft.Extensions.Hosting;

namespace NitroConformance.Fixtures.Hosting;

/// <summary>A host lifetime that ignores console signals: the node is stopped only by disposing it.</summary>
public sealed class EmbeddedHostLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
