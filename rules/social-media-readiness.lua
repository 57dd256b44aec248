-- social-media-readiness.lua: rules for the full readiness survey.
--
-- How a dimension is rated (research note, maturity-content §4.2):
--  * Each answer gives a level signal from its option (or numeric band).
--    A dimension's level is the lower median of its questions' signals,
--    then capped by its gate questions: an anchor allows at most one level
--    above its own signal, a "requires_for: n" question must reach n before
--    the dimension can.  The gates follow Lee & Kwak (2012): maturity is
--    climbed in order, and skipping a step does not count.
--  * An answer at the best option its question offers never holds the
--    dimension down (topped answers, lib/profile.lua), so all-best answers
--    give level 5.
--  * Agreement statements (Likert items) count through the mean of their
--    answers, and only with at least 5 answers when 5 or more people
--    responded; a smaller group's answers still count, with a finding that
--    says they rest on few people.
--  * Evidence (ODI Pathway / ODRA practice): a claim that asks for a
--    document but mostly came without one counts at most level 3.
--  * A few answers are worth more or less depending on another answer,
--    as the question bank (maturity-content §3) maps them; see adjust()
--    below.
-- Headline: the weakest critical enabler (access, approvals, training,
-- leadership) - an organisation is only as ready as its weakest link, so
-- an average would hide the blocker.  A critical dimension without answers
-- leaves the headline unrated.
-- Flags: "engagement-ahead-of-enablers" when engagement is two or more
-- levels above the median of the enablers (Lee & Kwak: activity without
-- the enablers behind it does not last); "champion-dependent" when LDR-05
-- or APR-07, read through its own option levels (APR-07 is reverse
-- worded), is level 2 or lower: progress still rests on a personal
-- champion, the first of Mergel & Bretschneider's (2013) three stages.
--
-- Recommendation priority (1 = do first):
--   1  the critical dimension(s) that set the headline;
--   2  other critical dimensions below level 3;
--   3  other critical dimensions; enablers below level 3;
--   4  other enablers; engagement practice;
--   5  engagement practice while the engagement-ahead flag is set (shore
--      up the enablers first).
--   With a target profile, a dimension below its target level moves up
--   one step (never above 1).

local profile = assess.import("profile")
local stats = assess.import("stats")

local ENABLERS = { "ACC", "APR", "TRN", "LDR", "POL", "ITP", "LST", "MEA",
                   "RES", "CUL" }
-- Statements both executives and operators answer, in short.
local SHARED = {
  { "APR-07", "clearing a post does not depend on which senior manager " ..
              "is around" },
  { "APR-08", "operators can answer an everyday question straight away" },
  { "LDR-05", "the work would carry on if its senior champion left" },
  { "ITP-05", "IT looks for a workable answer instead of refusing" },
  { "RES-05", "operators have the time to answer the public on time" },
}
local SEVERITY = { high = 1, medium = 2, low = 3, info = 4 }

-- Answers whose level depends on another answer (maturity-content §3,
-- the question bank):
--  * ACC-01: "open only to named roles" is level 2, or 3 when the access
--    rule is written down (ACC-04 at level 3, "written by IT", or above);
--    "open to all staff" is level 4, or 5 with a standing procedure for
--    checking new tools (ACC-06 at level 3, "defined", or above).
--    Sources: CTG (2010) on access rules; AGIMO/APSC on enabling access.
--  * APR-02: a routine post out in under 2 hours is level 4, or 5 when
--    no per-post sign-off is needed (APR-01 "pre-cleared" or "any
--    trained staff", level 4 or above).
--  * POL-01: a policy claimed but mostly not given as evidence counts at
--    most level 2 (stricter than the general cap of 3: EVIDENCE_CAPS);
--    all eight elements are level 4 only when the policy was reviewed in
--    the last three years (POL-08 at level 3 or above), otherwise 3.
--  * MEA-01: seven or eight kinds of measure are level 5 only when
--    policy or service outcomes are among them for most respondents,
--    otherwise 4 (counting audience size alone is not measuring results).
-- (The other answer is read as its own median level, before any evidence
-- cap; the thresholds used here are at or below that cap anyway.)
local function at_least(org, id, level)
  local s = stats.signal(org.questions[id])
  return s ~= nil and s >= level
end

local function chosen(stat, value)
  return stat.options ~= nil and stat.options[value] or 0
end

-- The levels ACC-01 and APR-02 can reach through adjust(), above their
-- best option: an answer at that option is not topped (lib/profile.lua),
-- since the other answer decides whether it is worth 5.
local REACH = { ["ACC-01"] = 5, ["APR-02"] = 5 }
-- Threshold questions that only tell level 3 from 4 (or 4 from 5): an
-- answer short of the threshold caps the dimension and says nothing
-- about where below it the organisation stands, so it stays out of the
-- median (lib/profile.lua, gate_only).
local GATE_ONLY = { ["ACC-07"] = true, ["ITP-08"] = true, ["ENG-04"] = true,
                    ["MEA-07"] = true, ["POL-07"] = true, ["CUL-06"] = true,
                    ["ACC-11"] = true, ["APR-10"] = true, ["TRN-09"] = true }
-- Culture is anchored on what staff say (Hoffmann, Lutz & Meckel:
-- confidence, manager support and fear of sanction), not on what policy
-- states: at most one level above the lower median of the three.
local ANCHOR_GROUPS = { CUL = { "CUL-02", "CUL-03", "CUL-04" } }
local EVIDENCE_CAPS = { ["POL-01"] = 2 }

local function adjust(id, s, stat, org)
  if id == "ACC-01" then
    if s == 2 and chosen(stat, "designated_roles") >
        chosen(stat, "by_request") and at_least(org, "ACC-04", 3) then
      return 3
    elseif s == 4 and at_least(org, "ACC-06", 3) then
      return 5
    end
  elseif id == "APR-02" then
    if s == 4 and at_least(org, "APR-01", 4) then return 5 end
  elseif id == "POL-01" then
    if s == 4 and not at_least(org, "POL-08", 3) then return 3 end
  elseif id == "MEA-01" then
    if s == 5 and chosen(stat, "outcomes") * 2 <= stat.answered then
      return 4
    end
  end
  return s
end

local function fmt(x)
  return string.format("%.1f", x)
end

local function join(list)
  if #list <= 1 then return list[1] or "" end
  return table.concat(list, ", ", 1, #list - 1) .. " and " .. list[#list]
end

local function score(org, survey, target)
  local min_n = org.respondents >= 5 and 5 or 1
  local opts = { min_n = min_n, evidence_cap = 3, topped = true,
                 adjust = adjust, reach = REACH,
                 evidence_caps = EVIDENCE_CAPS, gate_only = GATE_ONLY,
                 anchor_groups = ANCHOR_GROUPS }
  local dims, sig, unevidenced = profile.dimensions(org, survey, opts)
  local lvl = function(id) return dims[id].level end
  local title = function(id) return survey.dimension[id].title end
  local label = function(l) return survey.levels[l].label end

  -- The headline.
  local level, weakest, unrated = profile.weakest_critical(dims, survey)
  local basis
  if level == nil then
    local names = {}
    for _, id in ipairs(unrated) do names[#names + 1] = title(id) end
    basis = "Not rated: nobody gave a scored answer on " .. join(names) ..
      ", and the headline is the weakest critical enabler, so it needs " ..
      "all four rated."
  else
    local names = {}
    for _, id in ipairs(weakest) do names[#names + 1] = title(id) end
    basis = join(names) .. (#names > 1 and " are" or " is") .. " at level " ..
      level .. " (" .. label(level) .. "); an organisation is only as " ..
      "ready as its weakest critical enabler."
  end

  -- Small helpers over the answers.
  local function stat(id) return org.questions[id] end
  local function share(id, values)   -- share of answers among 'values'
    local q = stat(id)
    if q == nil or q.options == nil or q.answered == 0 then return nil end
    local k = 0
    for _, v in ipairs(values) do k = k + (q.options[v] or 0) end
    return k / q.answered
  end
  local function mostly(id, values)
    local s = share(id, values)
    return s ~= nil and s > 0.5
  end
  local function low(ids, max)       -- the ids whose signal is <= max
    local out = {}
    for _, id in ipairs(ids) do
      if sig[id] ~= nil and sig[id] <= max then out[#out + 1] = id end
    end
    return out
  end
  local function value(id)
    local q = stat(id)
    return q and q.value and q.value.n > 0 and q.value.mean or nil
  end

  local findings, flags = {}, {}
  local function find(id, severity, dim, text, evidence)
    findings[#findings + 1] = { id = id, severity = severity,
      dimension = dim, text = text, evidence = evidence }
  end

  -- Flags.
  local enabler_levels = {}
  for _, id in ipairs(ENABLERS) do
    if lvl(id) ~= nil then enabler_levels[#enabler_levels + 1] = lvl(id) end
  end
  local enabler_median = stats.median(enabler_levels)
  local ahead = lvl("ENG") ~= nil and enabler_median ~= nil
    and lvl("ENG") >= enabler_median + 2
  if ahead then flags[#flags + 1] = "engagement-ahead-of-enablers" end
  local champion = low({ "LDR-05", "APR-07" }, 2)
  if #champion > 0 then flags[#flags + 1] = "champion-dependent" end

  -- Access blocked for everyone, the account operators included.
  if mostly("ACC-01", { "blocked_all" }) then
    find("access-blocked", "high", "ACC", "Social platforms are blocked " ..
      "on the work network for everyone, including the people who run " ..
      "the official accounts: they are asked to do a job without its " ..
      "basic tools. Getting the operators reliable access comes before " ..
      "anything else in this report.", { "ACC-01" })
  end

  -- Official work on personal devices.
  if sig["ACC-03"] ~= nil and sig["ACC-03"] <= 2 then
    find("personal-devices", "high", "ACC", "The people who run the " ..
      "accounts say they often or always do official work on personal " ..
      "phones, home computers or standalone machines because the work " ..
      "network blocks what they need. Passwords, records and public " ..
      "conversations then sit on devices the organisation does not " ..
      "control. Record this as a risk to remove, not as a solution.",
      { "ACC-03" })
  end

  -- Access decided by a parent organisation's IT, or by IT alone.
  -- Sources: the Welsh library surveys (ariadne-tyler-2012, cymal-2010:
  -- library staff blocked by their local authority's ICT, and the sample
  -- business case); IRISS (iriss-2013) for the answers to IT's
  -- objections.  The advice on form, strategy and an ally inside IT is
  -- the library practitioner's account in the problem statement
  -- (points 15 and 16), not a published source.  That IT should not
  -- decide alone rests on IRISS's excerpt of Socitm, marked unverified
  -- in the survey's source list.
  local parent = {}
  if mostly("ACC-08", { "parent_fixed" }) then
    parent[#parent + 1] = "ACC-08"
  end
  if mostly("ITP-01", { "parent_it_alone" }) then
    parent[#parent + 1] = "ITP-01"
  end
  if #parent > 0 then
    find("parent-it-controls-access", "high", "ACC", "Access is decided " ..
      "by the parent organisation's IT, without your input and with no " ..
      "recorded way to agree local exceptions. Local effort alone will " ..
      "not open it: put a business case to the parent body in the form " ..
      "its IT prefers, tie it to the parent's own digital strategy, find " ..
      "an ally inside its IT, and ask for a documented variation or a " ..
      "service agreement that covers social platforms and tools.", parent)
  elseif mostly("ITP-01", { "it_alone" }) then
    find("it-decides-alone", "medium", "ITP", "IT alone decides which " ..
      "social sites and tools staff can open, without the business " ..
      "having a say. Ask for the decision to be made jointly and written " ..
      "down, with the reasons for each block.", { "ITP-01" })
  end

  -- Listening and monitoring tools out of reach.
  local acc02 = stat("ACC-02")
  if acc02 ~= nil and acc02.answered > 0
      and (share("ACC-02", { "monitoring" }) or 0) <= 0.5 then
    local ev, text = { "ACC-02" }, "The people who run the accounts " ..
      "cannot reach a monitoring or listening tool from the work network"
    if sig["LST-01"] ~= nil and sig["LST-01"] <= 2 then
      ev[2] = "LST-01"
      text = text .. ", and listening today is " .. (sig["LST-01"] == 1 and
        "not done at all" or "a search now and then")
    end
    find("listening-tools-blocked", #ev > 1 and "high" or "medium", "LST",
      text .. ". The organisation cannot follow what the public says " ..
      "about it, catch an emerging issue early or show what its channels " ..
      "achieve. Ask IT to unblock one monitoring tool for the operators.",
      ev)
  end

  -- Senior sign-off of every post: the telephone analogy.
  if sig["APR-01"] ~= nil and sig["APR-01"] <= 2 then
    local ev, who = { "APR-01" }, sig["APR-01"] == 1 and
      "someone at the very top of the organisation" or "a senior executive"
    local text = "Every everyday post needs sign-off from " .. who
    local hours = value("APR-02")
    if hours ~= nil and sig["APR-02"] <= 2 then
      ev[#ev + 1] = "APR-02"
      text = text .. ", and a routine post takes about " ..
        string.format("%.0f", hours) .. " hours from draft to publication"
    end
    for _, id in ipairs(low({ "APR-03" }, 2)) do ev[#ev + 1] = id end
    find("senior-signoff-every-post", "high", "APR", text .. ". Compare " ..
      "the telephone enquiry line: its staff are trained, given scripts " ..
      "and checked on quality, then trusted to answer callers without " ..
      "clearing each sentence. Account operators can work the same way, " ..
      "with training, a response guide and pre-approved content, leaving " ..
      "sign-off for the exceptions.", ev)
  end

  -- Posting rights without training.
  if sig["TRN-01"] ~= nil and sig["TRN-01"] <= 2 then
    local ev = { "TRN-01" }
    local pct = value("TRN-01")
    local text = (pct < 0.5 and "None" or "Only about " ..
      string.format("%.0f", pct) .. "%") .. " of the people who can post " ..
      "on the official accounts were trained before they got that right"
    if mostly("TRN-02", { "none" }) then
      ev[2] = "TRN-02"
      text = text .. ", and there is no training on any of the topics " ..
        "listed"
    end
    find("no-training-before-posting", sig["TRN-01"] == 1 and "high" or
      "medium", "TRN", text .. ". They speak for the organisation in " ..
      "public with less preparation than a telephone enquiry officer " ..
      "gets. Make a short induction on conduct, privacy and records a " ..
      "condition of posting rights.", ev)
  end

  -- Mixed messages: the public is invited, staff are shut out.  The
  -- access default comes from the Australian Government's response to
  -- the Gov 2.0 Taskforce (gov-response-2010: staff encouraged and
  -- enabled to engage online); that restricted use can look worse than
  -- none is the public-sector practitioner's observation in the problem
  -- statement (point 6), not a published source.
  local invite = {}
  for _, id in ipairs({ "ENG-01", "ENG-06" }) do
    if sig[id] ~= nil and sig[id] >= 2 then invite[#invite + 1] = id end
  end
  -- (ACC-01 by its answer, not its signal: named roles with a written
  -- rule count 3, yet everybody else is still shut out.)
  local shut = low({ "ACC-09" }, 2)
  if mostly("ACC-01", { "blocked_all", "by_request", "designated_roles" }) then
    shut[#shut + 1] = "ACC-01"
  end
  if #invite > 0 and #shut > 0 then
    for _, id in ipairs(shut) do invite[#invite + 1] = id end
    find("mixed-messages", "medium", "ACC", "The official channels invite " ..
      "the public to follow, comment and ask questions, but most staff " ..
      "cannot open those same pages at work. Apart from the lost time, " ..
      "this looks to the public as if the organisation does not trust " ..
      "its own people with the channels it asks everyone else to use; " ..
      "restricted use can look worse than none.", invite)
  end

  -- The circular trap: no figures because the tools to get them are shut.
  if lvl("MEA") ~= nil and lvl("MEA") <= 2 then
    local causes, ev = {}, low({ "MEA-01", "MEA-02", "MEA-03", "MEA-04" }, 2)
    local keys = { ACC = { "ACC-01", "ACC-02" }, LST = { "LST-01" },
                   ITP = { "ITP-01", "ITP-06" } }
    local names = { ACC = "access", LST = "listening",
                    ITP = "the partnership with IT" }
    local fixes = { ACC = "operator access", LST = "listening",
                    ITP = "the working relationship with IT" }
    local first = {}
    for _, id in ipairs({ "ACC", "LST", "ITP" }) do
      if lvl(id) ~= nil and lvl(id) <= 2 then
        causes[#causes + 1] = names[id] .. " is at level " .. lvl(id)
        first[#first + 1] = fixes[id]
        for _, q in ipairs(low(keys[id], 2)) do ev[#ev + 1] = q end
      end
    end
    if #causes > 0 then
      find("circular-trap", "high", "MEA", "Results are hardly measured " ..
        "(measurement is at level " .. lvl("MEA") .. "), while " ..
        join(causes) .. ". This is a circle: the organisation cannot show " ..
        "what social media achieves because of the very barriers it needs " ..
        "that proof to remove. Break it by dealing with " .. join(first) ..
        " first, then run a small, time-limited pilot with agreed " ..
        "measures rather than wait for figures that cannot yet be " ..
        "collected.", ev)
    end
  end

  -- A strategy without a named executive owner.
  if mostly("LDR-01", { "endorsed", "endorsed_resourced",
      "integrated_published" }) and mostly("LDR-02", { "no" }) then
    find("strategy-without-owner", "medium", "LDR", "There is an endorsed " ..
      "plan for social media, but no senior executive has been formally " ..
      "named as answerable for it. A plan without an owner tends to stall " ..
      "at the first obstacle: ask the executive to name one person and " ..
      "record it.", { "LDR-01", "LDR-02" })
  end

  -- Progress that hangs on one champion.
  if #champion > 0 then
    local text = "Progress rests on particular people."
    if sig["LDR-05"] ~= nil and sig["LDR-05"] <= 2 then
      text = text .. " Those asked do not expect the work to carry on " ..
        "if its senior champion moved on."
    end
    if sig["APR-07"] ~= nil and sig["APR-07"] <= 2 then
      text = text .. " Those asked say that whether a post is cleared, " ..
        "and how fast, depends on which senior manager happens to be " ..
        "around."
    end
    find("champion-dependent", "medium", "LDR", text .. " Write the " ..
      "plan, the accountable owner, the approval rules and the budget " ..
      "down so that they outlast any one person.", champion)
  end

  -- Perception gap between executives and operators (each side needs at
  -- least 3 answers to an item; the roles themselves are only passed on
  -- with 5 or more respondents).  Asking the same statements of several
  -- roles follows Hoffmann, Lutz & Meckel's individual-level view of
  -- readiness (hoffmann-smr); the thresholds, a difference of 1.5 on the
  -- 1-5 scale and 3 answers a side, are this survey's calibration
  -- proposal, to be checked against pilot data like the numeric bands.
  local ex, op = org.by_role.exec, org.by_role.ops
  if ex ~= nil and op ~= nil then
    local parts, ev, rosier = {}, {}, true
    for _, item in ipairs(SHARED) do
      local a, b = ex.questions[item[1]], op.questions[item[1]]
      if a ~= nil and b ~= nil and a.n >= 3 and b.n >= 3
          and math.abs(a.mean - b.mean) >= 1.5 then
        parts[#parts + 1] = item[2] .. " (" .. item[1] ..
          "): executives " .. fmt(a.mean) .. ", operators " .. fmt(b.mean)
        ev[#ev + 1] = item[1]
        rosier = rosier and a.mean > b.mean
      end
    end
    if #parts > 0 then
      find("perception-gap", "medium", nil, "Executives and the people " ..
        "who run the accounts see things differently (average level from " ..
        "1 to 5, higher is better): " .. table.concat(parts, "; ") .. ". " ..
        (rosier and "The executives, who take the decisions, see a " ..
          "better picture than the people doing the work. " or "") ..
        "Share these figures with both groups and agree on what is true " ..
        "before planning changes.", ev)
    end
  end

  -- Engagement running ahead of what supports it.
  if ahead then
    find("engagement-ahead-of-enablers", "medium", "ENG", "Engagement " ..
      "practice is at level " .. lvl("ENG") .. ", well ahead of the " ..
      "enablers behind it (their median is level " .. enabler_median ..
      "). Activity the organisation cannot sustain tends to fade or go " ..
      "wrong: shore up approvals, training and resourcing before " ..
      "launching more initiatives.")
  end

  -- The progress index beside the headline (maturity-content §4.2: the
  -- median of the ten enablers, all dimensions but engagement).  The
  -- caps stack, so most organisations sit at level 1 or 2 on the
  -- headline; the index shows the progress the weakest link hides, and
  -- is reported when it is above the headline.
  if level ~= nil and enabler_median ~= nil and enabler_median > level then
    find("progress-index", "info", nil, "Progress index: the median " ..
      "level of the ten enablers (every dimension but engagement " ..
      "practice) is " .. enabler_median .. " (" .. label(enabler_median) ..
      "), above the headline of " .. level .. ". The headline follows " ..
      "the weakest critical enabler; the index shows how far the rest " ..
      "of the organisation has come, and is the figure to watch between " ..
      "assessments while the weakest link is being fixed.")
  end

  -- Levels resting on few of their questions (fewer than half answered).
  local thin = {}
  for _, t in ipairs(profile.thin(org, survey, dims, sig)) do
    thin[#thin + 1] = title(t.id) .. " on " .. t.n .. " of its " ..
      t.total .. " questions"
  end
  if #thin > 0 then
    find("thin-rating", "low", nil, "Some levels rest on few of their " ..
      "questions: " .. join(thin) .. ". Treat them as provisional until " ..
      "the other questions are answered, by this respondent or by people " ..
      "in the roles they are meant for.")
  end

  -- Claims of documented practice without the document (ODI Pathway's
  -- practice of asking for evidence), where that held a level down.
  -- (Each dimension lists all its unevidenced answers: together they
  -- lowered its level.)
  local parts, ev, where, policy = {}, {}, {}, false
  for _, dim in ipairs(survey.dimensions) do
    local ids = unevidenced[dim.id]
    if ids ~= nil then
      parts[#parts + 1] = join(ids) .. " (" .. title(dim.id) .. ")"
      for _, id in ipairs(ids) do
        ev[#ev + 1] = id
        policy = policy or EVIDENCE_CAPS[id] ~= nil
      end
      where[#where + 1] = dim.id
    end
  end
  if #parts > 0 then
    find("missing-evidence", "medium", #where == 1 and where[1] or nil,
      "Some answers describe documented practice but mostly came " ..
      "without the document to show for it: " .. join(parts) .. ". " ..
      "Without evidence such an answer counts at most level 3" ..
      (policy and " (the policy's coverage at most level 2)" or "") ..
      ", and that is what holds " ..
      (#where == 1 and "this dimension" or "these dimensions") ..
      " at the level shown. Put a link or file reference in each " ..
      "question's evidence column, or correct the answer if the " ..
      "document does not exist.", ev)
  end

  -- Agreement statements: with fewer than five respondents they count
  -- anyway, and say so; with five or more, a statement fewer than five
  -- people answered is left out, and the report says which.
  local used, left = {}, {}
  for _, dim in ipairs(survey.dimensions) do
    for _, id in ipairs(dim.questions) do
      if survey.questions[id].type == "likert" then
        if sig[id] ~= nil then used[#used + 1] = id
        elseif stat(id).n > 0 then left[#left + 1] = id end
      end
    end
  end
  if #left > 0 then
    find("few-answers", "info", nil, (#left == 1 and "One agreement " ..
      "statement has fewer than five answers, so it is" or #left ..
      " agreement statements have fewer than five answers each, so " ..
      "they are") .. " left out of the levels: an average of so few " ..
      "views is neither reliable nor anonymous.", left)
  end
  if org.respondents < 5 then
    if #used > 0 then
      local words = { "one person", "two people", "three people",
                      "four people" }
      find("small-sample", "info", nil, "Only " .. words[org.respondents] ..
        " answered, " ..
        "so the agreement statements on confidence, backing, approvals " ..
        "and time rest on fewer than five people's views. They are " ..
        "counted so that a self-assessment still gets a full profile; " ..
        "ask the account operators and a sample of staff to answer " ..
        "before relying on them.", used)
    end
  end

  local order = {}
  for i, f in ipairs(findings) do order[f] = i end
  table.sort(findings, function(a, b)
    if SEVERITY[a.severity] ~= SEVERITY[b.severity] then
      return SEVERITY[a.severity] < SEVERITY[b.severity]
    end
    return order[a] < order[b]
  end)

  -- Recommendations: the next step for each dimension below level 5.
  local recs, pos = {}, {}
  local heads = {}
  if level ~= nil then
    for _, id in ipairs(weakest) do heads[id] = true end
  end
  for i, dim in ipairs(survey.dimensions) do
    local id, l = dim.id, lvl(dim.id)
    local step = profile.next_step(dim, l)
    if step ~= nil then
      local p
      if heads[id] then p = 1
      elseif dim.critical then p = l < 3 and 2 or 3
      elseif id == "ENG" then p = ahead and 5 or 4
      else p = l < 3 and 3 or 4 end
      local t = target and target.dimensions[id]
      if t ~= nil and l < t.target_level then p = math.max(1, p - 1) end
      -- What holds it down: its gates, then the questions at or below
      -- its level that could still climb.
      local ev, seen = {}, {}
      for _, q in ipairs(dims[id].capped_by) do
        ev[#ev + 1] = q
        seen[q] = true
      end
      for _, q in ipairs(dim.questions) do
        local s = sig[q]
        if not seen[q] and s ~= nil and s <= l
            and s < (REACH[q] or profile.top(survey.questions[q]) or 5) then
          ev[#ev + 1] = q
        end
      end
      recs[#recs + 1] = { id = step.id, dimension = id, priority = p,
        from_level = step.from_level, to_level = step.to_level,
        text = step.text, evidence = ev }
      pos[recs[#recs]] = i
    end
  end
  table.sort(recs, function(a, b)
    if a.priority ~= b.priority then return a.priority < b.priority end
    return pos[a] < pos[b]
  end)

  return { dimensions = dims, headline = { level = level, basis = basis },
           findings = findings, recommendations = recs, flags = flags,
           roles = profile.roles(org, survey, opts) }
end

return { score = score }
