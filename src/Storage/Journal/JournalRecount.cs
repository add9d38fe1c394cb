using EduInfo.Domain.Metrics;
using Npgsql;

namespace EduInfo.Storage.Journal;

/// <summary>
/// Every figure of every cell (the year and each term, all subjects and each subject) of classes, organizations and
/// areas, recomputed in one SQL statement from the journal, the registry, the calendars, the timetables, the term
/// closes and the assessment policies — written from DESIGN.md §2's definitions, not from the grains' code or their
/// queries. It is what the exactness checks (tests, the benchmark, fault and restore tests) compare every live summary
/// with. Keys are the JSON names of <c>SummaryFigures</c>; a cell or field not returned is zero.
/// </summary>
/// <remarks>
/// The definitions, as the statement applies them:
/// <list type="bullet">
/// <item>Only rows in force count: a row superseded by a correction (replacement or void) is left out; voids and
/// excusals are no marks.</item>
/// <item>A pupil exempt from a subject (for the term, or the whole year) has no result there: out of its term marks,
/// rates and annual mark.</item>
/// <item>A row's term is the term of its date in its class's calendar (year and kind of organization); a row between
/// terms counts in the year only.</item>
/// <item>Marks and roll-calls count in the class that recorded them. Late counts as attended. A full day missed is a
/// student-day of the class's roll-calls on which every seat was missed (absent with any code but late).</item>
/// <item>Lessons scheduled: the class's timetable slots of each school day (in a term, no holiday, not the weekly day
/// off unless moved to a working day, not cancelled for the class's area and grade) up to today;
/// timetabled lessons held = lessons held where the class has a timetable.</item>
/// <item>Headcounts: enrolled on the day (today for the year; the term's last day, or today while it runs).</item>
/// <item>Term metrics count in the class where the student is enrolled on the term's counting day, from all of the
/// student's marks of the term. A summative is held when the class recorded one; a student with other marks who lacks a
/// held summative has it pending unless excused; a component of weight 0 never counts. Term % = Σ wᵢ·%ᵢ ÷ Σ wᵢ over
/// the components the student has, exact, rounded half-up once, banded by the policy in force on the term's first day.
/// A closed term turns pending or missing marks into н/а. Annual marks: the rounded mean of the term marks (and of
/// the term %); н/а when no term was marked and one was not attested.</item>
/// <item>Colleges: term % → GPA by DESIGN.md's table, success ≥ 50 %, quality ≥ 75 % (docs/assessment.md), in the
/// college fields, never the school ones. Headcount and seats count again in the fields of the class's kind.</item>
/// <item>An organization counts once in the year and in each term its classes have started; areas sum everything
/// under them.</item>
/// </list>
/// </remarks>
public static class JournalRecount
{
    /// <summary>Every field of <c>SummaryFigures</c>, by its JSON name.</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "students", "classes", "organizations", "marks", "formativeMarks", "formativeScoreSum", "formativeMaxSum",
        "summativeMarks", "summativeScoreSum", "summativeMaxSum", "lessonsHeld", "seatsHeld", "attended", "late",
        "absentUnexcused", "absentExcused", "absentSick", "termMarks2", "termMarks3", "termMarks4", "termMarks5",
        "termMarkSum", "termPercentSum", "termResults", "notAttested", "pendingResults", "studentsAssessed",
        "studentsSucceeding", "studentsQualified", "fullDaysMissed", "lessonsScheduled", "gpaHundredthsSum",
        "timetabledLessonsHeld", "developmentLevel1", "developmentLevel2", "developmentLevel3",
        "schoolStudents", "collegeStudents", "preschoolChildren", "schoolSeatsHeld", "schoolAttended", "collegeSeatsHeld", "collegeAttended", "preschoolSeatsHeld", "preschoolAttended", "collegeResults", "collegePercentSum", "collegeNotAttested", "collegeStudentsAssessed", "collegeStudentsSucceeding", "collegeStudentsQualified",
        "studentsExcellent", "studentsWithOneThree", "studentsFailing", "studentsNotAttested",
    ];

    /// <summary>The whole year over all subjects: term 0, no subject.</summary>
    public static readonly (int Term, string SubjectId) Year = (0, "");

    // Cells are keyed (term, subject): term 0 is the year, subject '' all subjects. Every contribution is a row
    // (class or organization, term, subject, field, value); a node sums the contributions of everything under it.
    private const string Definitions = """
        WITH
        cls AS (
            SELECT c.id, c.organization_id, c.academic_year, c.grade, o.kind AS org_kind, o.school_week,
                   c.path || ARRAY[c.organization_id, c.id] AS under
            FROM classes c JOIN organizations o ON o.id = c.organization_id
            WHERE c.path && @nodes OR c.organization_id = ANY (@nodes) OR c.id = ANY (@nodes)),
        org AS (
            SELECT o.id, o.path || ARRAY[o.id] AS under FROM organizations o WHERE o.path && @nodes OR o.id = ANY (@nodes)),
        term AS (
            SELECT c.id AS class_id, t.term, t.starts_on, t.ends_on, least(t.ends_on, @today) AS count_day
            FROM cls c JOIN academic_terms t ON t.academic_year = c.academic_year AND t.org_kind = c.org_kind),
        started AS (SELECT * FROM term WHERE starts_on <= @today),
        -- Rows in force: not superseded by a later row; voids only supersede.
        live AS (
            SELECT j.* FROM journal j
            WHERE j.entry_kind <> 'void'
              AND NOT EXISTS (SELECT 1 FROM journal s WHERE s.academic_year = j.academic_year AND s.supersedes = j.seq)),
        -- Rows recorded in each class, with their term in the class's calendar (0 between terms).
        recorded AS (
            SELECT coalesce(t.term, 0) AS term, j.*
            FROM cls c JOIN live j ON j.class_id = c.id AND j.academic_year = c.academic_year
            LEFT JOIN term t ON t.class_id = c.id AND j.lesson_date BETWEEN t.starts_on AND t.ends_on
            WHERE j.entry_kind IN ('mark', 'lesson')),
        timetabled AS (SELECT DISTINCT class_id FROM timetable_slots WHERE class_id IN (SELECT id FROM cls)),
        recorded_sums AS (
            SELECT r.class_id, r.term, r.subject_id,
                   count(*) FILTER (WHERE r.entry_kind = 'mark') AS marks,
                   count(*) FILTER (WHERE r.mark_kind = 'formative') AS formative_marks,
                   coalesce(sum(r.score) FILTER (WHERE r.mark_kind = 'formative'), 0) AS formative_score_sum,
                   coalesce(sum(r.max_score) FILTER (WHERE r.mark_kind = 'formative'), 0) AS formative_max_sum,
                   count(*) FILTER (WHERE r.mark_kind IN ('section', 'term')) AS summative_marks,
                   coalesce(sum(r.score) FILTER (WHERE r.mark_kind IN ('section', 'term')), 0) AS summative_score_sum,
                   coalesce(sum(r.max_score) FILTER (WHERE r.mark_kind IN ('section', 'term')), 0) AS summative_max_sum,
                   count(*) FILTER (WHERE r.mark_kind = 'development' AND r.score = 1) AS level1,
                   count(*) FILTER (WHERE r.mark_kind = 'development' AND r.score = 2) AS level2,
                   count(*) FILTER (WHERE r.mark_kind = 'development' AND r.score = 3) AS level3,
                   count(*) FILTER (WHERE r.entry_kind = 'lesson') AS lessons,
                   coalesce(sum(cardinality(r.roster)), 0) AS seats,
                   coalesce(sum(cardinality(array_positions(r.absent_codes, 'late'))), 0) AS late,
                   coalesce(sum(cardinality(array_positions(r.absent_codes, 'unexcused'))), 0) AS unexcused,
                   coalesce(sum(cardinality(array_positions(r.absent_codes, 'excused'))), 0) AS excused,
                   coalesce(sum(cardinality(array_positions(r.absent_codes, 'sick'))), 0) AS sick
            FROM recorded r GROUP BY r.class_id, r.term, r.subject_id),
        recorded_figures AS (
            SELECT s.class_id, s.term, s.subject_id, f.field, f.value
            FROM recorded_sums s CROSS JOIN LATERAL (VALUES
                ('marks', s.marks), ('formativeMarks', s.formative_marks), ('formativeScoreSum', s.formative_score_sum),
                ('formativeMaxSum', s.formative_max_sum), ('summativeMarks', s.summative_marks),
                ('summativeScoreSum', s.summative_score_sum), ('summativeMaxSum', s.summative_max_sum),
                ('developmentLevel1', s.level1), ('developmentLevel2', s.level2), ('developmentLevel3', s.level3),
                ('lessonsHeld', s.lessons), ('seatsHeld', s.seats), ('attended', s.seats - s.unexcused - s.excused - s.sick),
                ('late', s.late), ('absentUnexcused', s.unexcused), ('absentExcused', s.excused), ('absentSick', s.sick),
                ('timetabledLessonsHeld', CASE WHEN s.class_id IN (SELECT class_id FROM timetabled) THEN s.lessons ELSE 0 END)
            ) f (field, value)),
        -- A student-day is missed in full when every seat the student had in the class's roll-calls that day was missed.
        seat AS (
            SELECT r.class_id, r.term, r.lesson_date, x.student_id,
                   EXISTS (SELECT 1 FROM unnest(r.absent_ids, r.absent_codes) a (student_id, code)
                           WHERE a.student_id = x.student_id AND a.code <> 'late') AS missed
            FROM recorded r CROSS JOIN LATERAL unnest(r.roster) x (student_id)
            WHERE r.entry_kind = 'lesson'),
        full_day AS (
            SELECT class_id, term, lesson_date, student_id FROM seat GROUP BY 1, 2, 3, 4 HAVING bool_and(missed)),
        -- School days of each class up to today: in a term; no holiday; Sunday and (five-day week) Saturday off unless
        -- moved to a working day; not cancelled for an area or organization over the class and for its grade.
        school_day AS (
            SELECT t.class_id, t.term, d::date AS day
            FROM started t JOIN cls c ON c.id = t.class_id
            CROSS JOIN LATERAL generate_series(t.starts_on, t.count_day, interval '1 day') d
            WHERE NOT EXISTS (SELECT 1 FROM calendar_days x WHERE x.academic_year = c.academic_year AND x.org_kind = c.org_kind
                                AND x.day = d::date AND x.kind = 'holiday')
              AND (extract(isodow FROM d) <= least(c.school_week, 6)
                   OR EXISTS (SELECT 1 FROM calendar_days x WHERE x.academic_year = c.academic_year AND x.org_kind = c.org_kind
                                AND x.day = d::date AND x.kind = 'working'))
              AND NOT EXISTS (SELECT 1 FROM calendar_days x WHERE x.academic_year = c.academic_year AND x.org_kind = c.org_kind
                                AND x.day = d::date AND x.kind = 'cancelled'
                                AND (x.node_id IS NULL OR x.node_id = ANY (c.under))
                                AND (x.grades IS NULL OR cardinality(x.grades) = 0 OR c.grade = ANY (x.grades)))),
        scheduled AS (
            SELECT d.class_id, d.term, s.subject_id, count(*) AS lessons
            FROM school_day d JOIN timetable_slots s ON s.class_id = d.class_id AND s.weekday = extract(isodow FROM d.day)
                 AND s.valid_from <= d.day AND (s.valid_to IS NULL OR s.valid_to >= d.day)
            GROUP BY 1, 2, 3),
        enrolled AS (SELECT DISTINCT e.class_id, e.student_id FROM enrolments e WHERE e.class_id IN (SELECT id FROM cls)),
        -- A pupil's rows are found by the pupil: joined to the class first, the planner (blind to a CTE's size) paired
        -- every class with every row of its year on the year alone, 20 million rows for a tiny country's year.
        enrolled_year AS (SELECT e.class_id, e.student_id, c.academic_year FROM enrolled e JOIN cls c ON c.id = e.class_id),
        -- The policy of each started term: the version in force on its first day.
        policy AS (
            SELECT DISTINCT ON (t.class_id, t.term) t.class_id, t.term,
                   (p.policy -> 'weights' ->> 'formative')::int AS wf, (p.policy -> 'weights' ->> 'section')::int AS ws,
                   (p.policy -> 'weights' ->> 'term')::int AS wt, p.policy -> 'bands' AS bands,
                   c.grade IN (SELECT g::int FROM jsonb_array_elements_text(coalesce(p.policy -> 'descriptiveGrades', '[]')) g) AS descriptive
            FROM started t JOIN cls c ON c.id = t.class_id
            JOIN assessment_policies p ON p.org_kind = c.org_kind AND p.effective_from <= t.starts_on
            ORDER BY t.class_id, t.term, p.effective_from DESC),
        closed AS (
            SELECT DISTINCT ON (e.class_id, e.term) e.class_id, e.term, e.action = 'close' AS closed
            FROM term_events e JOIN cls c ON c.id = e.class_id AND e.academic_year = c.academic_year
            ORDER BY e.class_id, e.term, e.seq DESC),
        -- Each student's marks of a term in a subject, wherever recorded, as the class counting them sees the term.
        work AS (
            SELECT e.class_id, t.term, j.student_id, j.subject_id,
                   count(*) FILTER (WHERE j.mark_kind = 'formative') AS fc,
                   coalesce(sum(j.score) FILTER (WHERE j.mark_kind = 'formative'), 0) AS fs,
                   coalesce(sum(j.max_score) FILTER (WHERE j.mark_kind = 'formative'), 0) AS fm,
                   count(*) FILTER (WHERE j.mark_kind = 'section') AS sc,
                   coalesce(sum(j.score) FILTER (WHERE j.mark_kind = 'section'), 0) AS ss,
                   coalesce(sum(j.max_score) FILTER (WHERE j.mark_kind = 'section'), 0) AS sm,
                   count(*) FILTER (WHERE j.mark_kind = 'term') AS tc,
                   coalesce(sum(j.score) FILTER (WHERE j.mark_kind = 'term'), 0) AS ts,
                   coalesce(sum(j.max_score) FILTER (WHERE j.mark_kind = 'term'), 0) AS tm
            FROM enrolled_year e
            JOIN live j ON j.student_id = e.student_id AND j.academic_year = e.academic_year
                 AND j.entry_kind = 'mark' AND j.mark_kind IN ('formative', 'section', 'term')
            JOIN started t ON t.class_id = e.class_id AND j.lesson_date BETWEEN t.starts_on AND t.ends_on
            GROUP BY 1, 2, 3, 4),
        held AS (
            SELECT DISTINCT class_id, term, subject_id, mark_kind FROM recorded
            WHERE entry_kind = 'mark' AND mark_kind IN ('section', 'term') AND term > 0),
        excused AS (
            SELECT DISTINCT e.class_id, t.term, j.student_id, j.subject_id, j.mark_kind
            FROM enrolled_year e
            JOIN live j ON j.student_id = e.student_id AND j.academic_year = e.academic_year AND j.entry_kind = 'excusal'
            JOIN started t ON t.class_id = e.class_id AND j.lesson_date BETWEEN t.starts_on AND t.ends_on),
        -- A head's exemption of a pupil from a subject: its term, or every term of the year.
        exempt AS (
            SELECT DISTINCT e.class_id, t.term, j.student_id, j.subject_id
            FROM enrolled_year e
            JOIN live j ON j.student_id = e.student_id AND j.academic_year = e.academic_year AND j.entry_kind = 'exemption'
            JOIN started t ON t.class_id = e.class_id AND (j.exempt_year OR j.lesson_date BETWEEN t.starts_on AND t.ends_on)),
        -- Subjects the class is taught: assignments of its groups, or of a profile group one of its students is in.
        taught AS (
            SELECT DISTINCT c.id AS class_id, a.subject_id
            FROM cls c JOIN teaching_groups g ON g.class_id = c.id JOIN assignments a ON a.group_id = g.id
            UNION
            SELECT DISTINCT e.class_id, a.subject_id
            FROM enrolled e JOIN teaching_group_members m ON m.student_id = e.student_id
            JOIN teaching_groups g ON g.id = m.group_id AND g.class_id IS NULL JOIN assignments a ON a.group_id = g.id),
        -- Who is assessed in a term and subject: the subject is assessed when anyone of the class has work in it; then
        -- every student of the class if the class is taught it, else those who bring work in it.
        -- (Outer joins, not EXISTS under OR or in a select list: those run as a subplan per row, minutes on a year's journal.
        -- taught, work, held, excused and exempt are unique on the joined columns, so no row is doubled.)
        candidate AS (
            SELECT s.class_id, s.term, s.subject_id, e.student_id
            FROM (SELECT DISTINCT class_id, term, subject_id FROM work) s
            JOIN enrolled e ON e.class_id = s.class_id
            LEFT JOIN taught x ON x.class_id = s.class_id AND x.subject_id = s.subject_id
            LEFT JOIN work w ON w.class_id = s.class_id AND w.term = s.term AND w.subject_id = s.subject_id AND w.student_id = e.student_id
            WHERE x.class_id IS NOT NULL OR w.class_id IS NOT NULL),
        component AS (
            SELECT k.class_id, k.term, k.subject_id, k.student_id, p.bands, p.descriptive, coalesce(z.closed, false) AS closed,
                   cls.org_kind = 'college' AS college,
                   p.wf > 0 AND coalesce(w.fc, 0) > 0 AS f_counted, p.ws > 0 AND coalesce(w.sc, 0) > 0 AS s_counted,
                   p.wt > 0 AND coalesce(w.tc, 0) > 0 AS t_counted,
                   p.ws > 0 AND coalesce(w.sc, 0) = 0 AND w.student_id IS NOT NULL AND hs.class_id IS NOT NULL AND xs.class_id IS NULL AS s_pending,
                   p.wt > 0 AND coalesce(w.tc, 0) = 0 AND w.student_id IS NOT NULL AND ht.class_id IS NOT NULL AND xt.class_id IS NULL AS t_pending,
                   p.wf::numeric AS wf, p.ws::numeric AS ws, p.wt::numeric AS wt,
                   coalesce(w.fs, 0)::numeric AS fs, greatest(coalesce(w.fm, 0), 1)::numeric AS fm,
                   coalesce(w.ss, 0)::numeric AS ss, greatest(coalesce(w.sm, 0), 1)::numeric AS sm,
                   coalesce(w.ts, 0)::numeric AS ts, greatest(coalesce(w.tm, 0), 1)::numeric AS tm
            FROM candidate k JOIN cls ON cls.id = k.class_id
            JOIN policy p ON p.class_id = k.class_id AND p.term = k.term
            LEFT JOIN work w ON w.class_id = k.class_id AND w.term = k.term AND w.subject_id = k.subject_id AND w.student_id = k.student_id
            LEFT JOIN held hs ON hs.class_id = k.class_id AND hs.term = k.term AND hs.subject_id = k.subject_id AND hs.mark_kind = 'section'
            LEFT JOIN held ht ON ht.class_id = k.class_id AND ht.term = k.term AND ht.subject_id = k.subject_id AND ht.mark_kind = 'term'
            LEFT JOIN excused xs ON xs.class_id = k.class_id AND xs.term = k.term AND xs.student_id = k.student_id AND xs.subject_id = k.subject_id
                 AND xs.mark_kind = 'section'
            LEFT JOIN excused xt ON xt.class_id = k.class_id AND xt.term = k.term AND xt.student_id = k.student_id AND xt.subject_id = k.subject_id
                 AND xt.mark_kind = 'term'
            LEFT JOIN closed z ON z.class_id = k.class_id AND z.term = k.term),
        -- Term % exactly: with W = Σ w over the counted components and D = W·M_F·M_S·M_T (M of a component not counted
        -- taken as 1), term % = N / D where N = Σ wᵢ·100·Sᵢ·D / (W·Mᵢ); half-up is ⌊(2N + D) / 2D⌋ (numeric is exact
        -- under + and ×, and D / (W·Mᵢ) divides exactly).
        fraction AS (
            SELECT c.*, CASE WHEN c.f_counted THEN c.fm ELSE 1 END * CASE WHEN c.s_counted THEN c.sm ELSE 1 END
                        * CASE WHEN c.t_counted THEN c.tm ELSE 1 END AS m,
                   CASE WHEN c.f_counted THEN c.wf ELSE 0 END + CASE WHEN c.s_counted THEN c.ws ELSE 0 END
                   + CASE WHEN c.t_counted THEN c.wt ELSE 0 END AS w
            FROM component c),
        outcome AS (
            SELECT f.class_id, f.term, f.subject_id, f.student_id, f.college, f.bands,
                   CASE WHEN x.class_id IS NOT NULL THEN 'exempt'
                        WHEN f.descriptive THEN 'descriptive'
                        WHEN f.s_pending OR f.t_pending THEN CASE WHEN f.closed THEN 'na' ELSE 'pending' END
                        WHEN NOT (f.f_counted OR f.s_counted OR f.t_counted) THEN CASE WHEN f.closed THEN 'na' ELSE 'none' END
                        ELSE 'marked' END AS outcome,
                   CASE WHEN f.w > 0 THEN div(2 * (
                          CASE WHEN f.f_counted THEN f.wf * 100 * f.fs * div(f.m, f.fm) ELSE 0 END
                        + CASE WHEN f.s_counted THEN f.ws * 100 * f.ss * div(f.m, f.sm) ELSE 0 END
                        + CASE WHEN f.t_counted THEN f.wt * 100 * f.ts * div(f.m, f.tm) ELSE 0 END) + f.w * f.m, 2 * f.w * f.m)::int END AS percent
            FROM fraction f
            LEFT JOIN exempt x ON x.class_id = f.class_id AND x.term = f.term AND x.student_id = f.student_id AND x.subject_id = f.subject_id),
        result AS (
            SELECT o.class_id, o.term, o.subject_id, o.student_id, o.college, o.outcome,
                   CASE WHEN o.outcome = 'marked' THEN o.percent END AS percent,
                   CASE WHEN o.outcome = 'marked' AND NOT o.college THEN
                        (SELECT (b ->> 'mark')::int FROM jsonb_array_elements(o.bands) b
                         WHERE (b ->> 'fromPercent')::int <= o.percent ORDER BY (b ->> 'fromPercent')::int DESC LIMIT 1) END AS mark
            FROM outcome o),
        -- DESIGN.md's college scale: the GPA points (× 100) from a term percentage of at least so much.
        gpa_scale (at_least, hundredths) AS (VALUES (95, 400), (90, 367), (85, 333), (80, 300), (75, 267), (70, 233), (65, 200),
                                                   (60, 167), (55, 133), (50, 100), (25, 50), (0, 0)),
        -- What one student's result in one subject gives a cell: marks 2..5 (schools) or GPA (colleges), н/а, pending.
        -- Success: no 2 and no н/а (colleges: D or better, ≥ 50 %); quality: only 4 and 5 (colleges: B− or better, ≥ 75 %).
        graded AS (
            SELECT r.*, r.outcome IN ('marked', 'na') AS assessed,
                   r.outcome = 'marked' AND CASE WHEN r.college THEN r.percent >= 50 ELSE r.mark <> 2 END AS succeeds,
                   r.outcome = 'marked' AND CASE WHEN r.college THEN r.percent >= 75 ELSE r.mark IN (4, 5) END AS qualifies,
                   CASE WHEN r.outcome = 'marked' AND r.college
                        THEN (SELECT max(x.hundredths) FROM gpa_scale x WHERE r.percent >= x.at_least) ELSE 0 END AS gpa
            FROM result r),
        -- Term cells take the students enrolled on the term's counting day.
        term_graded AS (
            SELECT g.* FROM graded g JOIN started t ON t.class_id = g.class_id AND t.term = g.term
            WHERE EXISTS (SELECT 1 FROM enrolments e WHERE e.class_id = g.class_id AND e.student_id = g.student_id
                            AND e.from_date <= t.count_day AND (e.to_date IS NULL OR e.to_date >= t.count_day))),
        -- The year: per student (enrolled today) and subject, the mean of the marked terms so far, rounded half-up;
        -- н/а when none was marked but one was not attested.
        annual AS (
            SELECT g.class_id, g.subject_id, g.student_id, bool_or(g.college) AS college,
                   count(*) FILTER (WHERE g.outcome = 'marked') AS n,
                   sum(g.mark) FILTER (WHERE g.outcome = 'marked') AS marks, sum(g.percent) FILTER (WHERE g.outcome = 'marked') AS percents,
                   bool_or(g.outcome = 'na') AS any_na
            FROM graded g
            WHERE g.outcome IN ('marked', 'na')
              AND EXISTS (SELECT 1 FROM enrolments e WHERE e.class_id = g.class_id AND e.student_id = g.student_id
                            AND e.from_date <= @today AND (e.to_date IS NULL OR e.to_date >= @today))
            GROUP BY 1, 2, 3),
        annual_graded AS (
            SELECT a.class_id, 0 AS term, a.subject_id, a.student_id, a.college,
                   CASE WHEN a.n > 0 THEN 'marked' ELSE 'na' END AS outcome,
                   CASE WHEN a.n > 0 THEN div(2 * a.percents + a.n, 2 * a.n)::int END AS percent,
                   CASE WHEN a.n > 0 AND NOT a.college THEN div(2 * a.marks + a.n, 2 * a.n)::int END AS mark
            FROM annual a),
        annual_rated AS (
            SELECT r.*, true AS assessed,
                   r.outcome = 'marked' AND CASE WHEN r.college THEN r.percent >= 50 ELSE r.mark <> 2 END AS succeeds,
                   r.outcome = 'marked' AND CASE WHEN r.college THEN r.percent >= 75 ELSE r.mark IN (4, 5) END AS qualifies,
                   CASE WHEN r.outcome = 'marked' AND r.college
                        THEN (SELECT max(x.hundredths) FROM gpa_scale x WHERE r.percent >= x.at_least) ELSE 0 END AS gpa
            FROM annual_graded r),
        assessed AS (
            SELECT class_id, term, subject_id, student_id, college, outcome, percent, mark, assessed, succeeds, qualifies, gpa FROM term_graded
            UNION ALL
            SELECT class_id, term, subject_id, student_id, college, outcome, percent, mark, assessed, succeeds, qualifies, gpa FROM annual_rated),
        assessed_figures AS (
            SELECT a.class_id, a.term, a.subject_id, a.student_id, f.field, f.value
            FROM assessed a CROSS JOIN LATERAL (VALUES
                ('termResults', (a.outcome = 'marked')::int), ('termPercentSum', coalesce(a.percent, 0)),
                ('termMarks2', (a.mark = 2)::int), ('termMarks3', (a.mark = 3)::int), ('termMarks4', (a.mark = 4)::int),
                ('termMarks5', (a.mark = 5)::int), ('termMarkSum', coalesce(a.mark, 0)), ('gpaHundredthsSum', a.gpa),
                ('notAttested', (a.outcome = 'na')::int), ('pendingResults', (a.outcome = 'pending')::int)
            ) f (field, value)
            WHERE f.value IS NOT NULL),
        -- Success and quality count students: per subject in subject cells, once per student over subjects in the others.
        -- So do the progress report's groups of school students: every result 5; exactly one 3 and the rest 4 or 5; a 2
        -- (whatever else); a н/а and no 2.
        student_rates AS (
            SELECT class_id, term, subject_id, student_id, bool_or(assessed) AS assessed, bool_or(college) AS college,
                   bool_and(succeeds) FILTER (WHERE assessed) AS succeeds, bool_and(qualifies) FILTER (WHERE assessed) AS qualifies,
                   bool_and(outcome = 'marked' AND mark = 5) FILTER (WHERE assessed) AS all_fives,
                   count(*) FILTER (WHERE assessed AND outcome = 'marked' AND mark = 3) AS threes,
                   bool_or(outcome = 'marked' AND mark = 2) FILTER (WHERE assessed) AS any_two,
                   bool_or(outcome = 'na') FILTER (WHERE assessed) AS any_na
            FROM assessed GROUP BY GROUPING SETS ((class_id, term, subject_id, student_id), (class_id, term, student_id))),
        rate_figures AS (
            SELECT r.class_id, r.term, coalesce(r.subject_id, '') AS subject_id, r.student_id, f.field, f.value
            FROM student_rates r CROSS JOIN LATERAL (VALUES
                ('studentsAssessed', r.assessed::int), ('studentsSucceeding', coalesce(r.succeeds, false)::int),
                ('studentsQualified', coalesce(r.qualifies, false)::int),
                ('studentsExcellent', (NOT r.college AND coalesce(r.all_fives, false))::int),
                ('studentsWithOneThree', (NOT r.college AND coalesce(r.succeeds, false) AND r.threes = 1)::int),
                ('studentsFailing', (NOT r.college AND coalesce(r.any_two, false))::int),
                ('studentsNotAttested', (NOT r.college AND coalesce(r.any_na, false) AND NOT coalesce(r.any_two, false))::int)) f (field, value)
            WHERE r.assessed),
        -- Journal figures of a (term, subject) of a class, before they are spread to the cells they count in.
        class_figures AS (
            SELECT class_id, term, subject_id, field, value FROM recorded_figures
            UNION ALL SELECT class_id, term, subject_id, 'lessonsScheduled', lessons FROM scheduled
            UNION ALL SELECT class_id, term, '', 'fullDaysMissed', count(*) FROM full_day GROUP BY 1, 2),
        -- Journal figures count in their term's cells and in the year's; term metrics and rates are per cell already.
        class_cells AS (
            SELECT f.class_id, k.term, k.subject_id, f.field, f.value
            FROM class_figures f CROSS JOIN LATERAL (
                SELECT 0, ''
                UNION ALL SELECT 0, f.subject_id WHERE f.subject_id <> ''
                UNION ALL SELECT f.term, '' WHERE f.term > 0
                UNION ALL SELECT f.term, f.subject_id WHERE f.term > 0 AND f.subject_id <> '') k (term, subject_id)
            UNION ALL
            -- Term metrics: a term result counts in its (term, subject) and (term, all subjects); an annual one in the
            -- year's (subject) and (all subjects).
            SELECT f.class_id, f.term, k.subject_id, f.field, f.value
            FROM assessed_figures f CROSS JOIN LATERAL (SELECT f.subject_id UNION ALL SELECT '') k (subject_id)
            UNION ALL SELECT class_id, term, subject_id, field, value FROM rate_figures
            UNION ALL SELECT c.id, 0, '', 'classes', 1 FROM cls c
            UNION ALL SELECT t.class_id, t.term, '', 'classes', 1 FROM started t
            UNION ALL
            SELECT c.id, 0, '', 'students', count(DISTINCT e.student_id)
            FROM cls c JOIN enrolments e ON e.class_id = c.id AND e.from_date <= @today AND (e.to_date IS NULL OR e.to_date >= @today)
            GROUP BY c.id
            UNION ALL
            SELECT t.class_id, t.term, '', 'students', count(DISTINCT e.student_id)
            FROM started t JOIN enrolments e ON e.class_id = t.class_id AND e.from_date <= t.count_day AND (e.to_date IS NULL OR e.to_date >= t.count_day)
            GROUP BY t.class_id, t.term),
        -- Each kind of organization in its own figures: a college's term results and rates count in the college fields
        -- instead of the school ones; headcount and seats count once more in the fields of the class's kind.
        college_field (field, college_field) AS (VALUES
            ('termResults', 'collegeResults'), ('termPercentSum', 'collegePercentSum'), ('notAttested', 'collegeNotAttested'),
            ('studentsAssessed', 'collegeStudentsAssessed'), ('studentsSucceeding', 'collegeStudentsSucceeding'),
            ('studentsQualified', 'collegeStudentsQualified')),
        kind_field (org_kind, field, kind_field) AS (VALUES
            ('school', 'students', 'schoolStudents'), ('school', 'seatsHeld', 'schoolSeatsHeld'), ('school', 'attended', 'schoolAttended'),
            ('college', 'students', 'collegeStudents'), ('college', 'seatsHeld', 'collegeSeatsHeld'), ('college', 'attended', 'collegeAttended'),
            ('preschool', 'students', 'preschoolChildren'), ('preschool', 'seatsHeld', 'preschoolSeatsHeld'),
            ('preschool', 'attended', 'preschoolAttended')),
        kind_cells AS (
            SELECT f.class_id, f.term, f.subject_id,
                   CASE WHEN c.org_kind = 'college' THEN coalesce(x.college_field, f.field) ELSE f.field END AS field, f.value
            FROM class_cells f JOIN cls c ON c.id = f.class_id LEFT JOIN college_field x ON x.field = f.field
            UNION ALL
            SELECT f.class_id, f.term, f.subject_id, k.kind_field, f.value
            FROM class_cells f JOIN cls c ON c.id = f.class_id JOIN kind_field k ON k.org_kind = c.org_kind AND k.field = f.field),
        -- An organization counts once in the year and in every term one of its classes has started.
        org_cells AS (
            SELECT o.id, 0 AS term, 'organizations' AS field, 1 AS value FROM org o
            UNION ALL
            SELECT DISTINCT c.organization_id, t.term, 'organizations', 1 FROM started t JOIN cls c ON c.id = t.class_id
            WHERE c.organization_id IN (SELECT id FROM org))
        """;

    private const string Sql = Definitions + "\n" + """
        SELECT n.id, x.term, x.subject_id, x.field, sum(x.value)::bigint
        FROM (SELECT DISTINCT unnest(@nodes) AS id) n
        JOIN (SELECT c.under, f.term, f.subject_id, f.field, f.value FROM kind_cells f JOIN cls c ON c.id = f.class_id
              UNION ALL
              SELECT o.under, f.term, '', f.field, f.value FROM org_cells f JOIN org o ON o.id = f.id) x ON n.id = ANY (x.under)
        GROUP BY 1, 2, 3, 4
        HAVING sum(x.value) <> 0
        """;

    /// <summary>Every cell of each node (area, organization or class id): node → (term, subject) → field → value, as
    /// of <paramref name="today"/>. Term 0 is the year, subject "" all subjects; absent cells and fields are zero.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<(int Term, string SubjectId), IReadOnlyDictionary<string, long>>>> ForNodeCellsAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<string> nodes, DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The planner takes every CTE for a handful of rows and nests loops over them, which does not finish on a year of
        // journal: hash and merge joins only (docs/benchmarks.md, "Figures behind the code").
        await using (var plan = new NpgsqlCommand("SET LOCAL enable_nestloop = off; SET LOCAL jit = off", connection, transaction))
        {
            await plan.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.CommandTimeout = 0; // a whole country's journal: as long as it takes
        command.Parameters.AddWithValue("nodes", nodes.Distinct(StringComparer.Ordinal).ToArray());
        command.Parameters.AddWithValue("today", today);
        var cells = nodes.Distinct(StringComparer.Ordinal)
            .ToDictionary(n => n, _ => new Dictionary<(int, string), Dictionary<string, long>>(), StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = (reader.GetInt32(1), reader.GetString(2));
            if (!cells[reader.GetString(0)].TryGetValue(key, out var figures))
            {
                cells[reader.GetString(0)][key] = figures = new Dictionary<string, long>(StringComparer.Ordinal);
            }
            figures[reader.GetString(3)] = reader.GetInt64(4);
        }
        return cells.ToDictionary(
            n => n.Key,
            n => (IReadOnlyDictionary<(int, string), IReadOnlyDictionary<string, long>>)n.Value.ToDictionary(
                c => c.Key, c => (IReadOnlyDictionary<string, long>)c.Value),
            StringComparer.Ordinal);
    }

    /// <summary>Every field of the whole-year all-subject cell of each node, zeros included.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>> ForNodesAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<string> nodes, DateOnly today, CancellationToken cancellationToken = default)
    {
        var cells = await ForNodeCellsAsync(dataSource, nodes, today, cancellationToken);
        return cells.ToDictionary(n => n.Key, n => Complete(n.Value.GetValueOrDefault(Year)), StringComparer.Ordinal);
    }

    /// <summary>A cell with every field, zero where the recount has none.</summary>
    public static IReadOnlyDictionary<string, long> Complete(IReadOnlyDictionary<string, long>? cell) =>
        Fields.ToDictionary(f => f, f => cell?.GetValueOrDefault(f) ?? 0, StringComparer.Ordinal);

    // The breakdowns (issue 19) sum the same contributions by a dimension's value instead of by node. A class's value is
    // its organization's locality, kind and subordination, its language and grade; an organization's own count goes to
    // its locality, kind and subordination only; sex takes each pupil's share of the figures: headcount, their seats by
    // code, their full days missed, their term results and rates — nothing recorded per lesson or per mark.
    private const string BreakdownSql = Definitions + """
        ,
        pupil_seat AS (
            SELECT r.class_id, r.term, x.student_id,
                   (SELECT a.code FROM unnest(r.absent_ids, r.absent_codes) a (student_id, code) WHERE a.student_id = x.student_id LIMIT 1) AS code
            FROM recorded r CROSS JOIN LATERAL unnest(r.roster) x (student_id)
            WHERE r.entry_kind = 'lesson'),
        pupil_figures AS (
            SELECT s.class_id, s.term, s.student_id, f.field, f.value
            FROM pupil_seat s CROSS JOIN LATERAL (VALUES
                ('seatsHeld', 1), ('attended', (s.code IS NULL OR s.code = 'late')::int), ('late', (s.code IS NOT DISTINCT FROM 'late')::int),
                ('absentUnexcused', (s.code IS NOT DISTINCT FROM 'unexcused')::int), ('absentExcused', (s.code IS NOT DISTINCT FROM 'excused')::int),
                ('absentSick', (s.code IS NOT DISTINCT FROM 'sick')::int)) f (field, value)
            UNION ALL SELECT class_id, term, student_id, 'fullDaysMissed', 1 FROM full_day),
        pupil_cells AS (
            SELECT f.class_id, k.term, f.student_id, f.field, f.value
            FROM pupil_figures f CROSS JOIN LATERAL (SELECT 0 UNION ALL SELECT f.term WHERE f.term > 0) k (term)
            UNION ALL SELECT class_id, term, student_id, field, value FROM assessed_figures
            UNION ALL SELECT class_id, term, student_id, field, value FROM rate_figures WHERE subject_id = ''
            UNION ALL
            SELECT DISTINCT e.class_id, 0, e.student_id, 'students', 1 FROM enrolments e
            WHERE e.class_id IN (SELECT id FROM cls) AND e.from_date <= @today AND (e.to_date IS NULL OR e.to_date >= @today)
            UNION ALL
            SELECT DISTINCT t.class_id, t.term, e.student_id, 'students', 1
            FROM started t JOIN enrolments e ON e.class_id = t.class_id AND e.from_date <= t.count_day AND (e.to_date IS NULL OR e.to_date >= t.count_day)),
        pupil_kind_cells AS (
            SELECT f.class_id, f.term, f.student_id, CASE WHEN c.org_kind = 'college' THEN coalesce(x.college_field, f.field) ELSE f.field END AS field, f.value
            FROM pupil_cells f JOIN cls c ON c.id = f.class_id LEFT JOIN college_field x ON x.field = f.field
            UNION ALL
            SELECT f.class_id, f.term, f.student_id, k.kind_field, f.value
            FROM pupil_cells f JOIN cls c ON c.id = f.class_id JOIN kind_field k ON k.org_kind = c.org_kind AND k.field = f.field),
        class_value AS (
            SELECT c.id AS class_id,
                   CASE @dimension WHEN 'locality' THEN CASE WHEN o.is_rural THEN 'rural' ELSE 'urban' END
                                   WHEN 'language' THEN k.language WHEN 'kind' THEN o.kind WHEN 'subordination' THEN n.kind
                                   WHEN 'grade' THEN k.grade::text END AS value
            FROM cls c JOIN classes k ON k.id = c.id JOIN organizations o ON o.id = c.organization_id JOIN nodes n ON n.id = o.node_id),
        org_value AS (
            SELECT g.id,
                   CASE @dimension WHEN 'locality' THEN CASE WHEN o.is_rural THEN 'rural' ELSE 'urban' END
                                   WHEN 'kind' THEN o.kind WHEN 'subordination' THEN n.kind END AS value
            FROM org g JOIN organizations o ON o.id = g.id JOIN nodes n ON n.id = o.node_id)
        SELECT x.slice, x.field, sum(x.amount)::bigint
        FROM (SELECT v.value AS slice, f.field, f.value AS amount
              FROM kind_cells f JOIN cls c ON c.id = f.class_id JOIN class_value v ON v.class_id = f.class_id
              WHERE @node = ANY (c.under) AND f.term = @term AND f.subject_id = ''
              UNION ALL
              SELECT v.value, f.field, f.value FROM org_cells f JOIN org o ON o.id = f.id JOIN org_value v ON v.id = f.id
              WHERE @node = ANY (o.under) AND f.term = @term
              UNION ALL
              SELECT CASE WHEN substr(s.iin, 7, 1)::int % 2 = 1 THEN 'male' ELSE 'female' END, f.field, f.value
              FROM pupil_kind_cells f JOIN cls c ON c.id = f.class_id JOIN students s ON s.id = f.student_id
              WHERE @dimension = 'sex' AND @node = ANY (c.under) AND f.term = @term) x
        WHERE x.slice IS NOT NULL
        GROUP BY 1, 2
        HAVING sum(x.amount) <> 0
        """;

    /// <summary>
    /// A node's breakdown in one dimension and term (0 = the year), all subjects: value → field → figure, recounted from
    /// the journal and the registry like <see cref="ForNodeCellsAsync"/> (the same definitions) and summed by the
    /// dimension's value ("urban", "kk", "school", "district", "7", "male", …). Absent values and fields are zero.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>> ForBreakdownAsync(
        NpgsqlDataSource dataSource, string node, BreakdownDimension dimension, int term, DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var plan = new NpgsqlCommand("SET LOCAL enable_nestloop = off; SET LOCAL jit = off", connection, transaction))
        {
            await plan.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var command = new NpgsqlCommand(BreakdownSql, connection, transaction);
        command.CommandTimeout = 0;
        command.Parameters.AddWithValue("nodes", new[] { node });
        command.Parameters.AddWithValue("node", node);
        command.Parameters.AddWithValue("today", today);
        command.Parameters.AddWithValue("term", term);
        command.Parameters.AddWithValue("dimension", Breakdown.NameOf(dimension));
        var slices = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!slices.TryGetValue(reader.GetString(0), out var figures))
            {
                slices[reader.GetString(0)] = figures = new Dictionary<string, long>(StringComparer.Ordinal);
            }
            figures[reader.GetString(1)] = reader.GetInt64(2);
        }
        return slices.ToDictionary(s => s.Key, s => (IReadOnlyDictionary<string, long>)s.Value, StringComparer.Ordinal);
    }
}
