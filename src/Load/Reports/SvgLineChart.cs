using System.Globalization;
using System.Net;
using System.Text;

namespace NitroConformance.Load.Reports;

/// <summary>A self-contained SVG line chart (no scripts, no external resources).</summary>
public sealed class SvgLineChart
{
    /// <summary>One line of the chart.</summary>
    public sealed record Line(string Name, string Color, IReadOnlyList<(double X, double Y)> Points);

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private const int W = 760, H = 300, Left = 70, Right = 150, Top = 30, Bottom = 45;

    /// <summary>Chart title.</summary>
    public required string Title { get; init; }
    /// <summary>X axis label.</summary>
    public required string XLabel { get; init; }
    /// <summary>Y axis label.</summary>
    public required string YLabel { get; init; }
    /// <summary>Lines to draw.</summary>
    public required IReadOnlyList<Line> Lines { get; init; }
    /// <summary>Formats X tick labels (default: number).</summary>
    public Func<double, string> XFormat { get; init; } = x => x.ToString("0.##", Inv);
    /// <summary>Formats Y tick labels (default: number).</summary>
    public Func<double, string> YFormat { get; init; } = y => y.ToString("0.##", Inv);
    /// <summary>Explicit X ticks (positions in data space); default: 6 even ticks.</summary>
    public IReadOnlyList<double>? XTicks { get; init; }

    /// <summary>Renders the SVG element.</summary>
    public string Render()
    {
        var pts = Lines.SelectMany(l => l.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var sb = new StringBuilder();
        sb.Append(Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{Esc(Title)}\">");
        sb.Append(Inv, $"<rect x=\"0\" y=\"0\" width=\"{W}\" height=\"{H}\" fill=\"#ffffff\"/>");
        sb.Append(Inv, $"<text x=\"{W / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{Esc(Title)}</text>");
        var pw = W - Left - Right;
        var ph = H - Top - Bottom;
        if (pts.Count == 0)
        {
            sb.Append(Inv, $"<text x=\"{W / 2}\" y=\"{H / 2}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#666\">no data</text></svg>");
            return sb.ToString();
        }
        double x0 = pts.Min(p => p.X), x1 = pts.Max(p => p.X), y1 = pts.Max(p => p.Y);
        if (XTicks is { Count: > 0 }) { x0 = Math.Min(x0, XTicks.Min()); x1 = Math.Max(x1, XTicks.Max()); }
        if (x1 <= x0) x1 = x0 + 1;
        y1 = NiceCeiling(y1 <= 0 ? 1 : y1 * 1.05);
        double Sx(double x) => Left + (x - x0) / (x1 - x0) * pw;
        double Sy(double y) => Top + ph - y / y1 * ph;

        // Grid and Y ticks.
        for (var i = 0; i <= 5; i++)
        {
            var y = y1 * i / 5;
            var py = Sy(y);
            sb.Append(Inv, $"<line x1=\"{Left}\" y1=\"{py:0.#}\" x2=\"{Left + pw}\" y2=\"{py:0.#}\" stroke=\"#e5e5e5\"/>");
            sb.Append(Inv, $"<text x=\"{Left - 6}\" y=\"{py + 4:0.#}\" text-anchor=\"end\" font-size=\"10\">{Esc(YFormat(y))}</text>");
        }
        var xticks = XTicks ?? Enumerable.Range(0, 6).Select(i => x0 + (x1 - x0) * i / 5).ToList();
        foreach (var x in xticks)
        {
            var px = Sx(x);
            sb.Append(Inv, $"<line x1=\"{px:0.#}\" y1=\"{Top + ph}\" x2=\"{px:0.#}\" y2=\"{Top + ph + 4}\" stroke=\"#333\"/>");
            sb.Append(Inv, $"<text x=\"{px:0.#}\" y=\"{Top + ph + 16}\" text-anchor=\"middle\" font-size=\"10\">{Esc(XFormat(x))}</text>");
        }
        sb.Append(Inv, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{pw}\" height=\"{ph}\" fill=\"none\" stroke=\"#333\"/>");
        sb.Append(Inv, $"<text x=\"{Left + pw / 2}\" y=\"{H - 8}\" text-anchor=\"middle\" font-size=\"11\">{Esc(XLabel)}</text>");
        sb.Append(Inv, $"<text x=\"14\" y=\"{Top + ph / 2}\" text-anchor=\"middle\" font-size=\"11\" transform=\"rotate(-90 14 {Top + ph / 2})\">{Esc(YLabel)}</text>");

        var legendY = Top + 4;
        foreach (var line in Lines)
        {
            var ok = line.Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
            if (ok.Count == 1)
                sb.Append(Inv, $"<circle cx=\"{Sx(ok[0].X):0.#}\" cy=\"{Sy(ok[0].Y):0.#}\" r=\"3\" fill=\"{line.Color}\"/>");
            else if (ok.Count > 1)
                sb.Append(Inv, $"<polyline fill=\"none\" stroke=\"{line.Color}\" stroke-width=\"1.8\" points=\"{string.Join(' ', ok.Select(p => string.Create(Inv, $"{Sx(p.X):0.#},{Sy(p.Y):0.#}")))}\"/>");
            sb.Append(Inv, $"<rect x=\"{Left + pw + 12}\" y=\"{legendY}\" width=\"12\" height=\"3\" fill=\"{line.Color}\"/>");
            sb.Append(Inv, $"<text x=\"{Left + pw + 30}\" y=\"{legendY + 5}\" font-size=\"11\">{Esc(line.Name)}</text>");
            legendY += 16;
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static double NiceCeiling(double v)
    {
        var mag = Math.Pow(10, Math.Floor(Math.Log10(v)));
        foreach (var m in new[] { 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 })
            if (m * mag >= v) return m * mag;
        return 10 * mag;
    }

    private static string Esc(string s) => WebUtility.HtmlEncode(s);
}
