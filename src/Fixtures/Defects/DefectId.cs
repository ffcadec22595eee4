namespace NitroConformance.Fixtures.Defects;

/// <summary>Identifies one seeded defect; see <see cref="DefectCatalog"/> for what each breaks.</summary>
public enum DefectId
{
    // Quorum
    SkipQuorumCheck,
    CountSessionKeyAndWalletTwice,
    AcceptNonParticipantSigner,
    WeightSumOverflow8Bit,
    // Versions
    AcceptStaleVersion,
    AcceptSkippedVersion,
    AcceptIntentVersionOnV02,
    NoVersionBumpOnV02Submit,
    // Conservation
    SkipOperateSumCheck,
    DepositMayDecrease,
    WithdrawMayIncrease,
    DepositWithoutDepositorSignature,
    OmittedParticipantKeepsShare,
    DuplicateAllocationsCountedTwice,
    // Lifecycle
    UpdateAfterClose,
    CreateWithoutFunderSignature,
    CreateIgnoresInsufficientFunds,
    QuorumAboveWeightSumAccepted,
    WeightsLengthMismatchAccepted,
    NegativeAmountsAccepted,
    // Pushes
    AsuNotSentToSender,
    AsuNotSent,
    // Envelope and auth
    StaleTimestampAccepted,
    AuthVerifyWrongSignerAccepted,
    ResponsesSignedByWrongKey,
    ResponseSentTwice,
    // Concurrency (caught by the load harness's bank workload, not by sequential cases)
    NonAtomicBalanceUpdate,
}
