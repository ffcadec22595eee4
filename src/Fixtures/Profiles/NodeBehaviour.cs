using NitroConformance.Fixtures.Defects;

namespace NitroConformance.Fixtures.Profiles;

/// <summary>
/// The Go-fidelity choices of one node instance, derived once from its options and handed to the parts that differ
/// by profile (router, auth, ledger, transfers).
/// </summary>
/// <param name="GoFaithful">True under <see cref="NodeProfile.GoV05"/>: crashes, Go texts and Go quirks are reproduced.</param>
/// <param name="ReplayWindow">How long a processed transfer's exact bytes are refused again.</param>
/// <param name="Order">Iteration order wherever the Go node iterates a map or reads unordered rows.</param>
public sealed record NodeBehaviour(bool GoFaithful, TimeSpan ReplayWindow, MapOrder Order)
{
    /// <summary>The default profile's fixed replay window (the Go node's <c>MSG_EXPIRY_TIME</c> default).</summary>
    public static readonly TimeSpan DefaultReplayWindow = TimeSpan.FromSeconds(60);

    /// <summary>The default profile with fixed orders.</summary>
    public static NodeBehaviour Default { get; } = new(false, DefaultReplayWindow, MapOrder.Fixed);

    /// <summary>The Go bugs this project models as seeded defects; the Go profile switches them on.</summary>
    public static IReadOnlySet<DefectId> GoBugs { get; } = new HashSet<DefectId>
    {
        DefectId.OmittedParticipantKeepsShare,
        DefectId.DuplicateAllocationsCountedTwice,
    };

    /// <summary>The behaviour <paramref name="options"/> ask for; a missing seed is drawn at random.</summary>
    public static NodeBehaviour From(ReferenceNodeOptions options)
    {
        var go = options.Profile == NodeProfile.GoV05;
        var order = go || options.RandomOrder ? MapOrder.Random(options.RandomSeed ?? System.Random.Shared.Next()) : MapOrder.Fixed;
        // Go's message cache lives as long as the timestamp window (MSG_EXPIRY_TIME, rpc_router.go ~l.56).
        return new NodeBehaviour(go, go ? options.TimestampWindow : DefaultReplayWindow, order);
    }

    /// <summary>The defects in effect: the configured ones, plus <see cref="GoBugs"/> under the Go profile.</summary>
    public IReadOnlySet<DefectId> Defects(IReadOnlySet<DefectId> configured) =>
        GoFaithful ? configured.Union(GoBugs).ToHashSet() : configured;
}
