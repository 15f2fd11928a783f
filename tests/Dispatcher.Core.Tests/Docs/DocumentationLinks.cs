using System.Text;
using System.Text.RegularExpressions;

namespace Dispatcher.Core.Tests.Docs;

/// <summary>
/// Finds the links of Markdown pages that do not resolve inside the repository: a missing file, a
/// missing heading anchor, a path that climbs out of the repository, or an absolute URL. A clone is
/// all a reader has, so a link to anything outside it is as broken as a link to nothing.
/// </summary>
public static partial class DocumentationLinks
{
    /// <summary>One line per broken link, naming the page, the link and what is wrong with it.</summary>
    public static List<string> Problems(string root, IEnumerable<string> pages)
    {
        root = Path.GetFullPath(root);
        var problems = new List<string>();
        foreach (var page in pages)
        {
            string pagePath = Path.GetFullPath(Path.Combine(root, page));
            foreach (var link in LinksOf(File.ReadAllText(pagePath)))
            {
                if (ProblemOf(root, pagePath, link) is { } problem)
                {
                    problems.Add($"{page}: ({link}) {problem}");
                }
            }
        }
        return problems;
    }

    private static string? ProblemOf(string root, string pagePath, string link)
    {
        if (Scheme().IsMatch(link))
        {
            return "points outside the repository";
        }
        int hash = link.IndexOf('#', StringComparison.Ordinal);
        string target = hash < 0 ? link : link[..hash];
        string? anchor = hash < 0 ? null : link[(hash + 1)..];
        string targetPath = target.Length == 0
            ? pagePath
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(pagePath)!, Uri.UnescapeDataString(target)));
        if (!targetPath.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && targetPath != root)
        {
            return "points outside the repository";
        }
        if (!File.Exists(targetPath) && !Directory.Exists(targetPath))
        {
            return "names no file";
        }
        if (anchor is not null && !(targetPath.EndsWith(".md", StringComparison.Ordinal) && AnchorsOf(File.ReadAllText(targetPath)).Contains(anchor)))
        {
            return $"names no heading #{anchor} in {Path.GetRelativePath(root, targetPath)}";
        }
        return null;
    }

    /// <summary>
    /// Inline links and images (<c>[text](target)</c>) and reference definitions, outside fenced code,
    /// indented code (four spaces or more: the pages indent their shell examples so) and code spans.
    /// </summary>
    public static IEnumerable<string> LinksOf(string markdown)
    {
        foreach (var line in Prose(markdown))
        {
            string text = CodeSpan().Replace(line, "");
            foreach (Match match in InlineLink().Matches(text))
            {
                yield return match.Groups[1].Value;
            }
            if (ReferenceDefinition().Match(text) is { Success: true } definition)
            {
                yield return definition.Groups[1].Value;
            }
        }
    }

    /// <summary>The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered.</summary>
    public static HashSet<string> AnchorsOf(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in Prose(markdown))
        {
            if (Heading().Match(line) is not { Success: true } heading)
            {
                continue;
            }
            var slug = new StringBuilder();
            foreach (char c in heading.Groups[1].Value.Trim().ToLowerInvariant())
            {
                if (char.IsLetterOrDigit(c) || c is '-' or '_')
                {
                    slug.Append(c);
                }
                else if (c == ' ')
                {
                    slug.Append('-');
                }
            }
            string anchor = slug.ToString();
            int count = seen.TryGetValue(anchor, out int before) ? before : 0;
            seen[anchor] = count + 1;
            anchors.Add(count == 0 ? anchor : $"{anchor}-{count}");
        }
        return anchors;
    }

    private static IEnumerable<string> Prose(string markdown)
    {
        bool fenced = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }
            if (!fenced && !line.StartsWith("    ", StringComparison.Ordinal))
            {
                yield return line;
            }
        }
    }

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\]\(\s*<?([^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"^#{1,6}\s+(.*?)\s*#*\s*$")]
    private static partial Regex Heading();
}
