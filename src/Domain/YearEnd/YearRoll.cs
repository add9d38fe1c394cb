namespace EduInfo.Domain.YearEnd;

/// <summary>A class of the year that ends, as the roll reads it: its school, grade and letter, and its language of instruction.</summary>
public sealed record RollingClass(string ClassId, string OrganizationId, int Grade, string Letter, string Language);

/// <summary>A pupil of the year that ends, in the class they were enrolled in on its last day, and the council's decision (null: none).</summary>
public sealed record RollingPupil(string StudentId, string ClassId, CouncilDecision? Decided);

/// <summary>A class of the new year: its id, school, grade, letter and language.</summary>
public sealed record NewYearClass(string ClassId, string OrganizationId, int Grade, string Letter, string Language);

/// <summary>A pupil's move: into a class of the new year, or out of the school (<see cref="ToClassId"/> null).</summary>
public sealed record PupilMove(string StudentId, string FromClassId, string? ToClassId, CouncilDecision Decision);

/// <summary>The roll: the new year's classes and every pupil's move, or the pupils without a council decision (nothing rolls then).</summary>
public sealed record YearRollPlan(string NextYear, IReadOnlyList<NewYearClass> Classes, IReadOnlyList<PupilMove> Moves, IReadOnlyList<RollingPupil> Undecided)
{
    public bool CanRoll => Undecided.Count == 0;
}

/// <summary>
/// The year roll (issue 20), pure: each school class of the year that ends becomes a class of the next year one grade
/// up, the same letter and language (the final grade has none); pupils move as the council decided — promoted (also
/// conditionally) into the class one grade up, repeating into the class of their grade and letter in the new year
/// (made when no class rolls into it), leaving or graduating out of the school. A pupil without a decision stops the
/// roll: the council decides every pupil first. A new class's id is "{school}-{year it starts}-{grade}-{n}", n the
/// letter's place among the school's letters of that grade: the same id however often the plan is made.
/// </summary>
public static class YearRoll
{
    public static YearRollPlan Plan(string endingYear, IReadOnlyList<RollingClass> classes, IReadOnlyList<RollingPupil> pupils, FinalAttestationPolicy policy)
    {
        var next = Calendar.AcademicCalendar.Next(endingYear);
        var undecided = pupils.Where(p => p.Decided is null).OrderBy(p => p.ClassId, StringComparer.Ordinal).ThenBy(p => p.StudentId, StringComparer.Ordinal).ToList();
        var byId = classes.ToDictionary(c => c.ClassId, StringComparer.Ordinal);
        // The new year's classes by school, grade and letter: every class rolled up, and a class for each grade a pupil repeats.
        var wanted = new Dictionary<(string School, int Grade, string Letter), string>();
        foreach (var c in classes.Where(c => c.Grade < policy.FinalGrade))
        {
            wanted.TryAdd((c.OrganizationId, c.Grade + 1, c.Letter), c.Language);
        }
        foreach (var p in pupils.Where(p => p.Decided == CouncilDecision.RepeatsYear && byId.ContainsKey(p.ClassId)))
        {
            var c = byId[p.ClassId];
            wanted.TryAdd((c.OrganizationId, c.Grade, c.Letter), c.Language);
        }
        var startYear = next[..4];
        var newClasses = wanted
            .GroupBy(w => (w.Key.School, w.Key.Grade))
            .SelectMany(g => g.OrderBy(w => w.Key.Letter, StringComparer.Ordinal).Select((w, i) =>
                new NewYearClass($"{w.Key.School}-{startYear}-{w.Key.Grade:00}-{i + 1}", w.Key.School, w.Key.Grade, w.Key.Letter, w.Value)))
            .OrderBy(c => c.ClassId, StringComparer.Ordinal)
            .ToList();
        var target = newClasses.ToDictionary(c => (c.OrganizationId, c.Grade, c.Letter), c => c.ClassId);
        var moves = new List<PupilMove>();
        foreach (var p in pupils.Where(p => p.Decided is not null && byId.ContainsKey(p.ClassId)).OrderBy(p => p.StudentId, StringComparer.Ordinal))
        {
            var c = byId[p.ClassId];
            var to = p.Decided switch
            {
                CouncilDecision.Promoted or CouncilDecision.PromotedConditionally when c.Grade < policy.FinalGrade => target[(c.OrganizationId, c.Grade + 1, c.Letter)],
                CouncilDecision.RepeatsYear => target[(c.OrganizationId, c.Grade, c.Letter)],
                _ => null,
            };
            moves.Add(new PupilMove(p.StudentId, p.ClassId, to, p.Decided!.Value));
        }
        return new YearRollPlan(next, newClasses, moves, undecided);
    }
}
