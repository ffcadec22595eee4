using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace NitroConformance.Interop.Tests;

/// <summary>Structural checks for a workflow file that actionlint's absence must not leave uncovered; each problem names file and line.</summary>
public static partial class WorkflowRules
{
    private static readonly HashSet<string> InputTypes = ["string", "boolean", "number"];

    /// <summary>Every problem found in one workflow; empty when it is well-formed.</summary>
    public static IReadOnlyList<string> Problems(WorkflowFile wf)
    {
        var problems = new List<string>();
        if (WorkflowFile.Child(wf.Root, "name") is not YamlScalarNode) problems.Add($"{wf.Path}: no top-level 'name:'");
        YamlMappingNode triggers, jobs;
        try
        {
            triggers = wf.Triggers();
            jobs = wf.Jobs();
        }
        catch (InvalidDataException e)
        {
            problems.Add(e.Message);
            return problems;
        }
        if (triggers.Children.Count == 0) problems.Add($"{wf.Path}: 'on:' lists no trigger");
        if (jobs.Children.Count == 0) problems.Add($"{wf.Path}: 'jobs:' is empty");

        foreach (var (key, node) in jobs.Children) CheckJob(wf, ((YamlScalarNode)key).Value!, node, problems);
        CheckWorkflowCall(wf, triggers, problems);
        CheckExpressions(wf, problems);
        return problems;
    }

    private static void CheckJob(WorkflowFile wf, string id, YamlNode node, List<string> problems)
    {
        if (node is not YamlMappingNode job)
        {
            problems.Add($"{wf.Where(node)}: job '{id}' is not a mapping");
            return;
        }
        if (WorkflowFile.Child(job, "uses") is YamlScalarNode reusable)
        {
            CheckUses(wf, reusable, problems);
            return;
        }
        if (WorkflowFile.Child(job, "runs-on") is null) problems.Add($"{wf.Where(job)}: job '{id}' has no 'runs-on:'");
        if (WorkflowFile.Child(job, "timeout-minutes") is null) problems.Add($"{wf.Where(job)}: job '{id}' has no 'timeout-minutes:' (a hung step would run for 6 h)");
        if (WorkflowFile.Child(job, "steps") is not YamlSequenceNode steps || steps.Children.Count == 0)
        {
            problems.Add($"{wf.Where(job)}: job '{id}' has no steps");
            return;
        }
        var stepIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in steps.Children)
        {
            if (s is not YamlMappingNode step)
            {
                problems.Add($"{wf.Where(s)}: a step of job '{id}' is not a mapping");
                continue;
            }
            var uses = WorkflowFile.Child(step, "uses");
            var run = WorkflowFile.Child(step, "run");
            if ((uses is null) == (run is null)) problems.Add($"{wf.Where(step)}: a step must have exactly one of 'uses:' and 'run:'");
            if (WorkflowFile.Child(step, "name") is null) problems.Add($"{wf.Where(step)}: step without 'name:'");
            if (uses is YamlScalarNode u) CheckUses(wf, u, problems);
            if (WorkflowFile.Child(step, "id") is YamlScalarNode sid && !stepIds.Add(sid.Value!))
                problems.Add($"{wf.Where(sid)}: duplicate step id '{sid.Value}' in job '{id}'");
        }
        // steps.<id> references must name a step of this job.
        foreach (Match m in StepRef().Matches(Serialize(job)))
        {
            if (!stepIds.Contains(m.Groups[1].Value))
                problems.Add($"{wf.Where(job)}: job '{id}' refers to steps.{m.Groups[1].Value}, which is no step id of this job");
        }
    }

    /// <summary>An action reference must be local, or owner/repo[/path]@vN[.N[.N]] or @40-hex, or docker://image:tag (not latest).</summary>
    private static void CheckUses(WorkflowFile wf, YamlScalarNode uses, List<string> problems)
    {
        var v = uses.Value ?? "";
        if (v.StartsWith("./", StringComparison.Ordinal)) return;
        if (v.StartsWith("docker://", StringComparison.Ordinal))
        {
            var tag = v.Contains(':', StringComparison.Ordinal) ? v[(v.LastIndexOf(':') + 1)..] : "";
            if (v.LastIndexOf(':') <= "docker:".Length || tag is "" or "latest")
                problems.Add($"{wf.Where(uses)}: '{v}' is not pinned to an image tag");
            return;
        }
        if (!PinnedAction().IsMatch(v)) problems.Add($"{wf.Where(uses)}: '{v}' is not pinned to a version tag (vN, vN.N, vN.N.N) or a commit SHA");
    }

    private static void CheckWorkflowCall(WorkflowFile wf, YamlMappingNode triggers, List<string> problems)
    {
        var call = WorkflowFile.Child(triggers, "workflow_call");
        var declaredInputs = wf.WorkflowCallNames("inputs");
        var declaredSecrets = wf.WorkflowCallNames("secrets");
        var dispatchInputs = WorkflowFile.Child(WorkflowFile.Child(triggers, "workflow_dispatch"), "inputs") is YamlMappingNode d
            ? d.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet(StringComparer.Ordinal)
            : [];

        var usedInputs = InputRef().Matches(wf.Text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var used in usedInputs)
        {
            if (!declaredInputs.Contains(used) && !dispatchInputs.Contains(used))
                problems.Add($"{wf.Path}: inputs.{used} is used but not declared under on.workflow_call.inputs");
        }
        var usedSecrets = SecretRef().Matches(wf.Text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var used in usedSecrets)
        {
            if (used != "GITHUB_TOKEN" && !declaredSecrets.Contains(used))
                problems.Add($"{wf.Path}: secrets.{used} is used but not declared under on.workflow_call.secrets");
        }
        if (call is null) return;

        foreach (var name in declaredInputs)
        {
            if (!usedInputs.Contains(name)) problems.Add($"{wf.Path}: workflow_call input '{name}' is declared but never used");
        }
        foreach (var name in declaredSecrets)
        {
            if (!usedSecrets.Contains(name)) problems.Add($"{wf.Path}: workflow_call secret '{name}' is declared but never used");
        }
        if (WorkflowFile.Child(call, "inputs") is YamlMappingNode inputs)
        {
            foreach (var (k, v) in inputs.Children)
            {
                var name = ((YamlScalarNode)k).Value!;
                var type = (WorkflowFile.Child(v, "type") as YamlScalarNode)?.Value;
                if (type is null || !InputTypes.Contains(type)) problems.Add($"{wf.Where(k)}: input '{name}' needs type string, boolean or number");
                if (WorkflowFile.Child(v, "description") is null) problems.Add($"{wf.Where(k)}: input '{name}' has no description");
                var required = (WorkflowFile.Child(v, "required") as YamlScalarNode)?.Value == "true";
                var def = WorkflowFile.Child(v, "default") as YamlScalarNode;
                if (required && def is not null) problems.Add($"{wf.Where(k)}: required input '{name}' also has a default");
                if (def is not null && type == "number" && !double.TryParse(def.Value, out _)) problems.Add($"{wf.Where(k)}: number input '{name}' has a non-number default");
                if (def is not null && type == "boolean" && def.Value is not ("true" or "false")) problems.Add($"{wf.Where(k)}: boolean input '{name}' has a non-boolean default");
            }
        }
        if (WorkflowFile.Child(call, "secrets") is YamlMappingNode secrets)
        {
            foreach (var (k, v) in secrets.Children)
            {
                if (WorkflowFile.Child(v, "description") is null) problems.Add($"{wf.Where(k)}: secret '{((YamlScalarNode)k).Value}' has no description");
            }
        }
    }

    private static void CheckExpressions(WorkflowFile wf, List<string> problems)
    {
        var open = wf.Text.Split("${{").Length - 1;
        var close = wf.Text.Split("}}").Length - 1;
        if (open != close) problems.Add($"{wf.Path}: {open} '${{{{' but {close} '}}}}' — an expression is not closed");
    }

    private static string Serialize(YamlNode node)
    {
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$")]
    private static partial Regex PinnedAction();

    [GeneratedRegex(@"\binputs\.([A-Za-z_][A-Za-z0-9_-]*)")]
    private static partial Regex InputRef();

    [GeneratedRegex(@"\bsecrets\.([A-Za-z_][A-Za-z0-9_-]*)")]
    private static partial Regex SecretRef();

    [GeneratedRegex(@"\bsteps\.([A-Za-z_][A-Za-z0-9_-]*)\.")]
    private static partial Regex StepRef();
}
