-- social-media-readiness.lua: rules for the full readiness survey.
--
-- How a dimension is rated (research note, maturity-content §4.2):
--  * Each answer gives a level signal from its option (or numeric band).
--    A dimension's level is the lower median of its questions' signals,
--    then capped by its gate questions: an anchor allows at most one level
--    above its own signal, a "requires_for: n" question must reach n before
--    the dimension can.  The gates follow Lee & Kwak (2012): maturity is
--    climbed in order, and skipping a step does not count.
--  * Questions that only tell one level from the next (GATE_ONLY below:
--    a bare "no" to "is IT on the governance group?") are thresholds whose
--    answer short of the threshold caps the dimension without counting in
--    its median: "no" says the organisation is not yet at level 4, not that
--    it is at level 3.  Unanswered, they cap nothing.
--  * Culture is anchored on what staff say (CUL-02 to CUL-04), not on what
--    policy states (ANCHOR_GROUPS).
--  * An answer at the best option its question offers never holds the
--    dimension down (topped answers, lib/profile.lua), so all-best answers
--    give level 5.
--  * Agreement statements (Likert items) count through the mean of their
--    answers, and only with at least 5 answers when 5 or more people
--    responded; a smaller group's answers still count, with a finding that
--    says they rest on few people.  "Don't know" leaves the count.
--  * Evidence (ODI Pathway / ODRA practice): a claim that asks for a
--    document but mostly came without one counts at most level 3.
--  * A few answers are worth more or less depending on another answer,
--    as the question bank (maturity-content §3) maps them; see adjust().
-- Headline: the weakest critical enabler (access, approvals, training,
-- leadership) - an organisation is only as ready as its weakest link, so
-- an average would hide the blocker.  A critical dimension without answers
-- leaves the headline unrated.  Beside it, a progress index: the median of
-- the ten enablers (every dimension but engagement; maturity-content
-- §4.2), reported as the finding "progress-index" when it is higher, so
-- that progress within the stacked caps shows.
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
--
-- Layout: the data first (every question id and option value the rules
-- read, in QUESTIONS, checked against the survey before scoring), then
-- one small function per finding or family of findings, listed in
-- FINDINGS in the order they are reported within a severity.

local profile = assess.import("profile")
local audit = assess.import("audit")
local stats = assess.import("stats")
-- (Globals read for every organisation, as locals: a global is looked up
-- through the sandbox's environment each time.)
local ipairs, pairs, getmetatable = ipairs, pairs, getmetatable

-- ---------------------------------------------------------------------
-- Data.

-- Every question the rules read by id, with the option values they test.
-- score() stops with an error naming this file when the survey lacks one,
-- so a misspelt id or value cannot silently drop a finding.
local QUESTIONS = {
  ["ACC-01"] = { "blocked_all", "by_request", "designated_roles" },
  ["ACC-02"] = { "monitoring" },
  ["ACC-03"] = {}, ["ACC-04"] = {}, ["ACC-06"] = {}, ["ACC-07"] = {},
  ["ACC-08"] = { "parent_fixed" }, ["ACC-09"] = {}, ["ACC-11"] = {},
  ["APR-01"] = {}, ["APR-02"] = {}, ["APR-03"] = {}, ["APR-07"] = {},
  ["APR-08"] = {}, ["APR-10"] = {},
  ["TRN-01"] = {}, ["TRN-02"] = { "none" }, ["TRN-09"] = {},
  ["LDR-01"] = { "endorsed", "endorsed_resourced", "integrated_published" },
  ["LDR-02"] = { "no" }, ["LDR-05"] = {},
  ["POL-01"] = {}, ["POL-07"] = {},
  ["POL-08"] = {},
  ["ITP-01"] = { "parent_it_alone", "it_alone" }, ["ITP-04"] = {},
  ["ITP-05"] = {}, ["ITP-06"] = {}, ["ITP-08"] = {},
  ["ITP-10"] = { "none", "contacts_only" },
  ["LST-01"] = {},
  ["MEA-01"] = { "outcomes" }, ["MEA-02"] = {}, ["MEA-03"] = {},
  ["MEA-04"] = {}, ["MEA-07"] = {},
  ["RES-03"] = { "none" }, ["RES-05"] = {}, ["RES-11"] = {},
  ["ENG-01"] = {}, ["ENG-04"] = {}, ["ENG-06"] = {},
  ["CUL-02"] = {}, ["CUL-03"] = {}, ["CUL-04"] = {}, ["CUL-06"] = {},
}

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

-- The levels ACC-01 and APR-02 can reach through adjust(), above their
-- best option: an answer at that option is not topped (lib/profile.lua),
-- since the other answer decides whether it is worth 5.
local REACH = { ["ACC-01"] = 5, ["APR-02"] = 5 }
local EVIDENCE_CAPS = { ["POL-01"] = 2 }
-- Threshold questions that only tell level 3 from 4 (POL-07: 4 from 5):
-- an answer short of the threshold caps the dimension and says nothing
-- about where below it the organisation stands, so it stays out of the
-- median (lib/profile.lua, gate_only).
local GATE_ONLY = { ["ACC-07"] = true, ["ACC-11"] = true, ["APR-10"] = true,
                    ["TRN-09"] = true, ["ITP-08"] = true, ["ENG-04"] = true,
                    ["MEA-07"] = true, ["POL-07"] = true, ["CUL-06"] = true }
-- Culture is anchored on what staff say (Hoffmann, Lutz & Meckel:
-- confidence, manager support and fear of sanction), not on what policy
-- states: at most one level above the lower median of the three.
local ANCHOR_GROUPS = { CUL = { "CUL-02", "CUL-03", "CUL-04" } }

-- A list of the extra roles (RES-11) that makes one person's load a
-- finding: four of the six, as the practitioner account lists them
-- (problem statement, point 11); a calibration proposal.
local OVERLOAD_ROLES = 4

-- ---------------------------------------------------------------------
-- Checking the data against the survey.

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  return keys
end

-- The read-only surveys already checked: the check depends on nothing
-- else, so it runs once per run rather than once per organisation.
local checked = setmetatable({}, { __mode = "k" })

local function check_data(survey)
  if checked[survey] then return end
  -- which ids exist, found by walking the survey: indexing it with an id
  -- it does not have is itself an error, with a vaguer message
  local known, dims = {}, {}
  for _, dim in ipairs(survey.dimensions) do
    dims[dim.id] = true
    for _, id in ipairs(dim.questions) do known[id] = true end
  end
  for _, id in ipairs(sorted_keys(QUESTIONS)) do
    local q = known[id] and survey.questions[id]
    if not q then
      error("QUESTIONS names question '" .. id .. "', which the survey " ..
        "does not have")
    end
    for _, v in ipairs(QUESTIONS[id]) do
      local found = false
      for _, o in ipairs(q.options or {}) do
        if o.value == v then found = true end
      end
      if not found then
        error("QUESTIONS names option '" .. v .. "' of " .. id ..
          ", which the survey does not have")
      end
    end
  end
  for _, id in ipairs(ENABLERS) do
    if not dims[id] then
      error("ENABLERS names dimension '" .. id .. "', which the survey " ..
        "does not have")
    end
  end
  if getmetatable(survey) == "read-only" then checked[survey] = true end
end

-- Reading an undeclared question, or testing an undeclared option value,
-- is an error; 'depth' 3 makes it point at the caller of the function
-- that calls need() or need_value().
local function need(id, depth)
  if QUESTIONS[id] == nil then
    error("question '" .. id .. "' is not declared in QUESTIONS", depth)
  end
end

local function need_value(id, v, depth)
  for _, d in ipairs(QUESTIONS[id] or {}) do
    if d == v then return end
  end
  error("option '" .. v .. "' of " .. id .. " is not declared in QUESTIONS",
    depth)
end

-- ---------------------------------------------------------------------
-- Answers worth more or less depending on another answer
-- (maturity-content §3, the question bank):
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
  need(id, 3)
  local s = stats.signal(org.questions[id])
  return s ~= nil and s >= level
end

local function chosen(id, stat, value)
  need_value(id, value, 3)
  return stat.options ~= nil and stat.options[value] or 0
end

local function adjust(id, s, stat, org)
  if id == "ACC-01" then
    if s == 2 and chosen(id, stat, "designated_roles") >
        chosen(id, stat, "by_request") and at_least(org, "ACC-04", 3) then
      return 3
    elseif s == 4 and at_least(org, "ACC-06", 3) then
      return 5
    end
  elseif id == "APR-02" then
    if s == 4 and at_least(org, "APR-01", 4) then return 5 end
  elseif id == "POL-01" then
    if s == 4 and not at_least(org, "POL-08", 3) then return 3 end
  elseif id == "MEA-01" then
    if s == 5 and chosen(id, stat, "outcomes") * 2 <= stat.answered then
      return 4
    end
  end
  return s
end

-- ---------------------------------------------------------------------
-- Small helpers.

local function fmt(x)
  return string.format("%.1f", x)
end

local function join(list)
  if #list <= 1 then return list[1] or "" end
  return table.concat(list, ", ", 1, #list - 1) .. " and " .. list[#list]
end

-- The context a finding reads: the answers and what score() worked out.
-- Reading a question the data table does not declare, or testing an
-- option value it does not list, is an error in the caller's line.
local Context = {}
Context.__index = Context

function Context:stat(id)
  need(id, 3)
  return self.org.questions[id]
end

-- Share of answers among 'values', or nil without answers.  'depth'
-- makes an undeclared value an error in the finding's own line.
local function share(c, id, values, depth)
  need(id, depth + 1)
  for _, v in ipairs(values) do need_value(id, v, depth + 1) end
  local q = c.org.questions[id]
  if q == nil or q.options == nil or q.answered == 0 then return nil end
  local k = 0
  for _, v in ipairs(values) do k = k + (q.options[v] or 0) end
  return k / q.answered
end

function Context:share(id, values)
  return share(self, id, values, 3)
end

function Context:mostly(id, values)
  local s = share(self, id, values, 3)
  return s ~= nil and s > 0.5
end

-- The signal of a question (nil when it has none).
function Context:sig(id)
  need(id, 3)
  return self.signals[id]
end

-- The ids among 'ids' whose signal is at most 'max'.
function Context:low(ids, max)
  local out = {}
  for _, id in ipairs(ids) do
    need(id, 3)
    local s = self.signals[id]
    if s ~= nil and s <= max then out[#out + 1] = id end
  end
  return out
end

-- The mean answer of a number (or multi) question, or nil.
function Context:value(id)
  need(id, 3)
  local q = self.org.questions[id]
  return q and q.value and q.value.n > 0 and q.value.mean or nil
end

function Context:lvl(id) return self.dims[id].level end
function Context:title(id) return self.survey.dimension[id].title end
function Context:label(l) return self.survey.levels[l].label end

-- ---------------------------------------------------------------------
-- Findings: each function returns one finding (a table with id,
-- severity, dimension, text, evidence) or nil.

-- Access blocked for everyone, the account operators included.
local function access_blocked(c)
  if not c:mostly("ACC-01", { "blocked_all" }) then return nil end
  return { id = "access-blocked", severity = "high", dimension = "ACC",
    text = "Social platforms are blocked on the work network for " ..
      "everyone, including the people who run the official accounts: " ..
      "they are asked to do a job without its basic tools. Getting the " ..
      "operators reliable access comes before anything else in this " ..
      "report.", evidence = { "ACC-01" } }
end

-- Official work on personal devices.
local function personal_devices(c)
  local s = c:sig("ACC-03")
  if s == nil or s > 2 then return nil end
  return { id = "personal-devices", severity = "high", dimension = "ACC",
    text = "The people who run the accounts say they often or always do " ..
      "official work on personal phones, home computers or standalone " ..
      "machines because the work network blocks what they need. " ..
      "Passwords, records and public conversations then sit on devices " ..
      "the organisation does not control. Record this as a risk to " ..
      "remove, not as a solution.", evidence = { "ACC-03" } }
end

-- Access decided by a parent organisation's IT, or by IT alone.
-- Sources: the Welsh library survey (ariadne-tyler-2012, cymal-2010:
-- library staff blocked by their local authority's ICT, and the sample
-- business case); IRISS (iriss-2013) for the answers to IT's
-- objections.  The advice on form, strategy and an ally inside IT is
-- the library practitioner's account in the problem statement
-- (points 15 and 16), not a published source.  That IT should not
-- decide alone rests on IRISS's excerpt of Socitm, marked unverified
-- in the survey's source list.
local function who_decides_access(c)
  local parent = {}
  if c:mostly("ACC-08", { "parent_fixed" }) then
    parent[#parent + 1] = "ACC-08"
  end
  if c:mostly("ITP-01", { "parent_it_alone" }) then
    parent[#parent + 1] = "ITP-01"
  end
  if #parent > 0 then
    return { id = "parent-it-controls-access", severity = "high",
      dimension = "ACC", text = "Access is decided by the parent " ..
        "organisation's IT, without your input and with no recorded way " ..
        "to agree local exceptions. Local effort alone will not open it: " ..
        "put a business case to the parent body in the form its IT " ..
        "prefers, tie it to the parent's own digital strategy, find an " ..
        "ally inside its IT, and ask for a documented variation or a " ..
        "service agreement that covers social platforms and tools.",
      evidence = parent }
  elseif c:mostly("ITP-01", { "it_alone" }) then
    return { id = "it-decides-alone", severity = "medium",
      dimension = "ITP", text = "IT alone decides which social sites " ..
        "and tools staff can open, without the business having a say. " ..
        "Ask for the decision to be made jointly and written down, with " ..
        "the reasons for each block.", evidence = { "ITP-01" } }
  end
  return nil
end

-- Nobody inside IT speaks for the programme.  The advice (get on good
-- terms with IT staff, find the person who can say how and to whom to
-- present the case, and write it in the form IT prefers) is the library
-- practitioner's account in the problem statement (points 13 to 16);
-- the Welsh sample business case (ariadne-tyler-2012) is the template.
local function no_ally_in_it(c)
  if not c:mostly("ITP-10", { "none", "contacts_only" }) then return nil end
  local ev = { "ITP-10" }
  for _, id in ipairs(c:low({ "ITP-04", "ITP-05" }, 2)) do ev[#ev + 1] = id end
  return { id = "no-ally-in-it", severity = "medium", dimension = "ITP",
    text = "Nobody inside IT argues the programme's case" ..
      (#ev > 1 and ", and the working relationship with IT is thin" or "") ..
      ". IT holds real power over what the organisation can do online, " ..
      "and requests from outside tend to meet a polite no. Get to know " ..
      "the IT staff who handle your requests, find one who sees the " ..
      "value and can tell you how, in what form and to whom to present " ..
      "the case, and ask them to review the proposal before it goes in.",
    evidence = ev }
end

-- Listening and monitoring tools out of reach.
local function listening_tools_blocked(c)
  local acc02 = c:stat("ACC-02")
  if acc02 == nil or acc02.answered == 0
      or (c:share("ACC-02", { "monitoring" }) or 0) > 0.5 then
    return nil
  end
  local ev, text = { "ACC-02" }, "The people who run the accounts " ..
    "cannot reach a monitoring or listening tool from the work network"
  local lst = c:sig("LST-01")
  if lst ~= nil and lst <= 2 then
    ev[2] = "LST-01"
    text = text .. ", and listening today is " .. (lst == 1 and
      "not done at all" or "a search now and then")
  end
  return { id = "listening-tools-blocked", severity = #ev > 1 and "high"
    or "medium", dimension = "LST", text = text .. ". The organisation " ..
    "cannot follow what the public says about it, catch an emerging " ..
    "issue early or show what its channels achieve. Ask IT to unblock " ..
    "one monitoring tool for the operators.", evidence = ev }
end

-- Senior sign-off of every post, or several sign-offs on a simple reply:
-- the telephone analogy (problem statement, point 3; sheridan-2011).
local function senior_signoff(c)
  local apr01, apr03 = c:sig("APR-01"), c:sig("APR-03")
  local posts = apr01 ~= nil and apr01 <= 2
  local replies = apr03 ~= nil and apr03 <= 2
  if not posts and not replies then return nil end
  local ev, parts = {}, {}
  if posts then
    ev[1] = "APR-01"
    local who = apr01 == 1 and "someone at the very top of the " ..
      "organisation" or "a senior executive"
    local text = "Every everyday post needs sign-off from " .. who
    local hours = c:value("APR-02")
    if hours ~= nil and c:sig("APR-02") <= 2 then
      ev[#ev + 1] = "APR-02"
      text = text .. ", and a routine post takes about " ..
        string.format("%.0f", hours) .. " hours from draft to publication"
    end
    parts[1] = text
  end
  if replies then
    ev[#ev + 1] = "APR-03"
    parts[#parts + 1] = (posts and "a" or "A") .. " reply to a simple " ..
      "factual question from the public needs about " ..
      string.format("%.0f", c:value("APR-03")) .. " separate sign-offs " ..
      "before it can be posted"
  end
  return { id = "senior-signoff-every-post", severity = posts and "high"
    or "medium", dimension = "APR", text = table.concat(parts, "; ") ..
    ". Compare the telephone enquiry line: its staff are trained, given " ..
    "scripts and checked on quality, then trusted to answer callers " ..
    "without clearing each sentence. Account operators can work the same " ..
    "way, with training, a response guide and pre-approved content, " ..
    "leaving sign-off for the exceptions.", evidence = ev }
end

-- Posting rights without training.
local function no_training(c)
  local s = c:sig("TRN-01")
  if s == nil or s > 2 then return nil end
  local ev, pct = { "TRN-01" }, c:value("TRN-01")
  local text = (pct < 0.5 and "None" or "Only about " ..
    string.format("%.0f", pct) .. "%") .. " of the people who can post " ..
    "on the official accounts were trained before they got that right"
  if c:mostly("TRN-02", { "none" }) then
    ev[2] = "TRN-02"
    text = text .. ", and there is no training on any of the topics listed"
  end
  return { id = "no-training-before-posting", severity = s == 1 and "high"
    or "medium", dimension = "TRN", text = text .. ". They speak for the " ..
    "organisation in public with less preparation than a telephone " ..
    "enquiry officer gets. Make a short induction on conduct, privacy " ..
    "and records a condition of posting rights.", evidence = ev }
end

-- Mixed messages: the public is invited, staff are shut out.  Any
-- official channel asks the public to follow it, so an answer to ENG-01
-- (even "announcements only") is an invitation; open comments (ENG-06
-- level 2 or more) invite more.  The access default comes from the
-- Australian Government's response to the Gov 2.0 Taskforce
-- (gov-response-2010: staff encouraged and enabled to engage online);
-- that restricted use can look worse than none is the public-sector
-- practitioner's observation in the problem statement (point 6), not a
-- published source.
local function mixed_messages(c)
  local invite = {}
  local eng01 = c:stat("ENG-01")
  if eng01 ~= nil and eng01.answered > 0 then invite[1] = "ENG-01" end
  if (c:sig("ENG-06") or 0) >= 2 then invite[#invite + 1] = "ENG-06" end
  -- (ACC-01 by its answer, not its signal: named roles with a written
  -- rule count 3, yet everybody else is still shut out.)
  local shut = c:low({ "ACC-09" }, 2)
  if c:mostly("ACC-01", { "blocked_all", "by_request",
      "designated_roles" }) then
    shut[#shut + 1] = "ACC-01"
  end
  if #invite == 0 or #shut == 0 then return nil end
  local talk = c:sig("ENG-01") ~= nil and c:sig("ENG-01") >= 2
    or #invite > 1
  for _, id in ipairs(shut) do invite[#invite + 1] = id end
  return { id = "mixed-messages", severity = "medium", dimension = "ACC",
    text = "The official channels invite the public to follow" ..
      (talk and ", comment and ask questions" or " them") .. ", but most " ..
      "staff cannot open those same pages at work. Apart from the lost " ..
      "time, this looks to the public as if the organisation does not " ..
      "trust its own people with the channels it asks everyone else to " ..
      "use; restricted use can look worse than none.", evidence = invite }
end

-- The circular trap: no figures because the tools to get them are shut.
local TRAP = {
  { dim = "ACC", keys = { "ACC-01", "ACC-02" }, name = "access",
    fix = "operator access" },
  { dim = "LST", keys = { "LST-01" }, name = "listening",
    fix = "listening" },
  { dim = "ITP", keys = { "ITP-01", "ITP-06" },
    name = "the partnership with IT", fix = "the working relationship with IT" },
}

local function circular_trap(c)
  local mea = c:lvl("MEA")
  if mea == nil or mea > 2 then return nil end
  local causes, first = {}, {}
  local ev = c:low({ "MEA-01", "MEA-02", "MEA-03", "MEA-04" }, 2)
  for _, t in ipairs(TRAP) do
    local l = c:lvl(t.dim)
    if l ~= nil and l <= 2 then
      causes[#causes + 1] = t.name .. " is at level " .. l
      first[#first + 1] = t.fix
      for _, q in ipairs(c:low(t.keys, 2)) do ev[#ev + 1] = q end
    end
  end
  if #causes == 0 then return nil end
  return { id = "circular-trap", severity = "high", dimension = "MEA",
    text = "Results are hardly measured (measurement is at level " .. mea ..
      "), while " .. join(causes) .. ". This is a circle: the " ..
      "organisation cannot show what social media achieves because of " ..
      "the very barriers it needs that proof to remove. Break it by " ..
      "dealing with " .. join(first) .. " first, then run a small, " ..
      "time-limited pilot with agreed measures rather than wait for " ..
      "figures that cannot yet be collected.", evidence = ev }
end

-- A strategy without a named executive owner.
local function strategy_without_owner(c)
  if not (c:mostly("LDR-01", { "endorsed", "endorsed_resourced",
      "integrated_published" }) and c:mostly("LDR-02", { "no" })) then
    return nil
  end
  return { id = "strategy-without-owner", severity = "medium",
    dimension = "LDR", text = "There is an endorsed plan for social " ..
      "media, but no senior executive has been formally named as " ..
      "answerable for it. A plan without an owner tends to stall at the " ..
      "first obstacle: ask the executive to name one person and record " ..
      "it.", evidence = { "LDR-01", "LDR-02" } }
end

-- Progress that hangs on one champion.
local function champion_dependent(c)
  if #c.champion == 0 then return nil end
  local text = "Progress rests on particular people."
  if (c:sig("LDR-05") or 5) <= 2 then
    text = text .. " Those asked do not expect the work to carry on " ..
      "if its senior champion moved on."
  end
  if (c:sig("APR-07") or 5) <= 2 then
    text = text .. " Those asked say that whether a post is cleared, " ..
      "and how fast, depends on which senior manager happens to be " ..
      "around."
  end
  return { id = "champion-dependent", severity = "medium",
    dimension = "LDR", text = text .. " Write the plan, the accountable " ..
      "owner, the approval rules and the budget down so that they " ..
      "outlast any one person.", evidence = c.champion }
end

-- One person, or a very small team, carrying every role around the
-- accounts: educator, strategist, change manager, negotiator with IT,
-- reporter and communicator at once (problem statement, point 11; the
-- thin resources Lee & Kwak 2011 name; NZ OAG 2013: people and time
-- matter as much as technology and money).  With no stand-in operator
-- (RES-03) the load is also a single point of failure.
local function role_overload(c)
  local roles = c:value("RES-11")
  if roles == nil or roles < OVERLOAD_ROLES then return nil end
  local ev = { "RES-11" }
  local alone = c:mostly("RES-03", { "none" })
  if alone then ev[2] = "RES-03" end
  return { id = "role-overload", severity = alone and "high" or "medium",
    dimension = "RES", text = "Besides posting and replying, the " ..
      "people who run the accounts carry " .. string.format("%.0f", roles) ..
      " of the six other roles the survey asks about (training " ..
      "colleagues, writing the strategy, leading the change, negotiating " ..
      "with IT, reporting to executives, other communications work)" ..
      (alone and ", and no account has a named stand-in" or "") .. ". " ..
      "Replies slow down and the programme stalls when that person is " ..
      "away or leaves. " ..
      "Split the roles: give the strategy and the change work to a named " ..
      "manager, the IT negotiation to the accountable executive, and " ..
      "train a stand-in operator for every account.", evidence = ev }
end

-- Perception gap between executives and operators (each side needs at
-- least 3 answers to an item; the roles themselves are only passed on
-- with 5 or more respondents).  Asking the same statements of several
-- roles follows Hoffmann, Lutz & Meckel's individual-level view of
-- readiness (hoffmann-smr); the thresholds, a difference of 1.5 on the
-- 1-5 scale and 3 answers a side, are this survey's calibration
-- proposal, to be checked against pilot data like the numeric bands.
local function perception_gap(c)
  local ex, op = c.org.by_role.exec, c.org.by_role.ops
  if ex == nil or op == nil then return nil end
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
  if #parts == 0 then return nil end
  return { id = "perception-gap", severity = "medium", text = "Executives " ..
    "and the people who run the accounts see things differently " ..
    "(average level from 1 to 5, higher is better): " ..
    table.concat(parts, "; ") .. ". " .. (rosier and "The executives, " ..
      "who take the decisions, see a better picture than the people " ..
      "doing the work. " or "") .. "Share these figures with both " ..
    "groups and agree on what is true before planning changes.",
    evidence = ev }
end

-- Engagement running ahead of what supports it.
local function engagement_ahead(c)
  if not c.ahead then return nil end
  return { id = "engagement-ahead-of-enablers", severity = "medium",
    dimension = "ENG", text = "Engagement practice is at level " ..
      c:lvl("ENG") .. ", well ahead of the enablers behind it (their " ..
      "median is level " .. c.enabler_median .. "). Activity the " ..
      "organisation cannot sustain tends to fade or go wrong: shore up " ..
      "approvals, training and resourcing before launching more " ..
      "initiatives." }
end

-- The progress index beside the headline (maturity-content §4.2: the
-- median of the ten enablers, all dimensions but engagement).  The caps
-- stack, so most organisations sit at level 1 or 2 on the headline; the
-- index shows the progress the weakest link hides, and is reported when
-- it is above the headline.
local function progress_index(c)
  local m = c.enabler_median
  if c.level == nil or m == nil or m <= c.level then return nil end
  return { id = "progress-index", severity = "info", text = "Progress " ..
    "index: the median level of the ten enablers (every dimension but " ..
    "engagement practice) is " .. m .. " (" .. c:label(m) .. "), above " ..
    "the headline of " .. c.level .. ". The headline follows the weakest " ..
    "critical enabler; the index shows how far the rest of the " ..
    "organisation has come, and is the figure to watch between " ..
    "assessments while the weakest link is being fixed." }
end

-- Levels resting on few of their questions (fewer than half answered).
local function thin_rating(c)
  local thin = {}
  for _, t in ipairs(profile.thin(c.org, c.survey, c.dims, c.signals)) do
    thin[#thin + 1] = c:title(t.id) .. " on " .. t.n .. " of its " ..
      t.total .. " questions"
  end
  if #thin == 0 then return nil end
  return { id = "thin-rating", severity = "low", text = "Some levels " ..
    "rest on few of their questions: " .. join(thin) .. ". Treat them as " ..
    "provisional until the other questions are answered, by this " ..
    "respondent or by people in the roles they are meant for." }
end

-- Claims of documented practice without the document (ODI Pathway's
-- practice of asking for evidence), where that held a level down.
-- (Each dimension lists all its unevidenced answers: together they
-- lowered its level.)
local function missing_evidence(c)
  local parts, ev, where, policy = {}, {}, {}, false
  for _, dim in ipairs(c.survey.dimensions) do
    local ids = c.unevidenced[dim.id]
    if ids ~= nil then
      parts[#parts + 1] = join(ids) .. " (" .. c:title(dim.id) .. ")"
      for _, id in ipairs(ids) do
        ev[#ev + 1] = id
        policy = policy or EVIDENCE_CAPS[id] ~= nil
      end
      where[#where + 1] = dim.id
    end
  end
  if #parts == 0 then return nil end
  return { id = "missing-evidence", severity = "medium",
    dimension = #where == 1 and where[1] or nil, text = "Some answers " ..
      "describe documented practice but mostly came without the document " ..
      "to show for it: " .. join(parts) .. ". Without evidence such an " ..
      "answer counts at most level 3" .. (policy and " (the policy's " ..
        "coverage at most level 2)" or "") .. ", and that is what holds " ..
      (#where == 1 and "this dimension" or "these dimensions") ..
      " at the level shown. The document would lift that limit; if it " ..
      "does not exist, the practice is not yet in place as described.",
      evidence = ev }
end

-- Agreement statements: with five or more respondents, a statement
-- fewer than five people answered is left out, and the report says
-- which; with fewer than five respondents they count anyway, and say so.
local function is_statement(q)
  return q.type == "likert"
end

local function likert_use(c)
  if c.likert_used then return c.likert_used, c.likert_left end
  local used, left = {}, {}
  for _, id in ipairs(profile.question_ids(c.survey, is_statement)) do
    if c.signals[id] ~= nil then used[#used + 1] = id
    elseif c.org.questions[id].n > 0 then left[#left + 1] = id end
  end
  c.likert_used, c.likert_left = used, left
  return used, left
end

local function few_answers(c)
  local _, left = likert_use(c)
  if #left == 0 then return nil end
  return { id = "few-answers", severity = "info", text = (#left == 1 and
    "One agreement statement has fewer than five answers, so it is" or
    #left .. " agreement statements have fewer than five answers each, " ..
    "so they are") .. " left out of the levels: an average of so few " ..
    "views is neither reliable nor anonymous.", evidence = left }
end

local WORDS = { "one person", "two people", "three people", "four people" }

local function small_sample(c)
  local used = likert_use(c)
  if c.org.respondents >= 5 or #used == 0 then return nil end
  return { id = "small-sample", severity = "info", text = "Only " ..
    WORDS[c.org.respondents] .. " answered, so the agreement statements " ..
    "on confidence, backing, approvals and time rest on fewer than five " ..
    "people's views. They are counted so that a self-assessment still " ..
    "gets a full profile; the views of the account operators and of a " ..
    "sample of staff would confirm or correct them.", evidence = used }
end

-- Respondents who answer the same question at opposite ends: the
-- medians above would hide it (lib/audit.lua).
local function respondents_disagree(c)
  return audit.disagreement_finding(c.org, c.survey)
end

-- In the order they are reported within a severity.
local FINDINGS = {
  access_blocked, personal_devices, who_decides_access, no_ally_in_it,
  listening_tools_blocked, senior_signoff, no_training, mixed_messages,
  circular_trap, strategy_without_owner, champion_dependent, role_overload,
  perception_gap, respondents_disagree, engagement_ahead, progress_index,
  thin_rating, missing_evidence, few_answers, small_sample,
}

-- ---------------------------------------------------------------------
-- Headline, flags, recommendations.

local function headline(c)
  if c.level == nil then
    local names = {}
    for _, id in ipairs(c.unrated) do names[#names + 1] = c:title(id) end
    return "Not rated: nobody gave a scored answer on " .. join(names) ..
      ", and the headline is the weakest critical enabler, so it needs " ..
      "all four rated."
  end
  local names = {}
  for _, id in ipairs(c.weakest) do names[#names + 1] = c:title(id) end
  return join(names) .. (#names > 1 and " are" or " is") .. " at level " ..
    c.level .. " (" .. c:label(c.level) .. "); an organisation is only " ..
    "as ready as its weakest critical enabler."
end

local function flags(c)
  local levels = {}
  for _, id in ipairs(ENABLERS) do
    if c:lvl(id) ~= nil then levels[#levels + 1] = c:lvl(id) end
  end
  c.enabler_median = stats.median(levels)
  c.ahead = c:lvl("ENG") ~= nil and c.enabler_median ~= nil
    and c:lvl("ENG") >= c.enabler_median + 2
  c.champion = c:low({ "LDR-05", "APR-07" }, 2)
  local out = {}
  if c.ahead then out[#out + 1] = "engagement-ahead-of-enablers" end
  if #c.champion > 0 then out[#out + 1] = "champion-dependent" end
  return out
end

-- 'list' ordered by rank[item], a whole number from 1 to 'ranks', each
-- rank's items in the order of the list.
local function ranked(list, rank, ranks)
  local out = {}
  for r = 1, ranks do
    for i = 1, #list do
      if rank[list[i]] == r then out[#out + 1] = list[i] end
    end
  end
  return out
end

local function findings(c)
  local found, rank = {}, {}
  for _, f in ipairs(FINDINGS) do
    local x = f(c)
    if x ~= nil then
      found[#found + 1] = x
      -- (a severity that is not one goes last, for the engine to refuse)
      rank[x] = SEVERITY[x.severity] or 5
    end
  end
  return ranked(found, rank, 5)
end

local function priority(c, dim, l, heads)
  local p
  if heads[dim.id] then p = 1
  elseif dim.critical then p = l < 3 and 2 or 3
  elseif dim.id == "ENG" then p = c.ahead and 5 or 4
  else p = l < 3 and 3 or 4 end
  local t = c.target and c.target.dimensions[dim.id]
  if t ~= nil and l < t.target_level then p = math.max(1, p - 1) end
  return p
end

-- A dimension's question ids, and for each the level from which it can
-- no longer climb (the level adjust() can take it to, else the best its
-- options offer, else 5): for a read-only survey worked out once per run.
local climbs = setmetatable({}, { __mode = "k" })

local function climb_limits(survey, dim)
  local known = climbs[dim]
  if known ~= nil then return known.ids, known.limits end
  local ids, limits = {}, {}
  for i, q in ipairs(dim.questions) do
    ids[i] = q
    limits[i] = REACH[q] or profile.top(survey.questions[q]) or 5
  end
  if getmetatable(dim) == "read-only" and
      getmetatable(survey) == "read-only" then
    climbs[dim] = { ids = ids, limits = limits }
  end
  return ids, limits
end

-- What holds a dimension down: its gates, then the questions at or below
-- its level that could still climb.
local function holding(c, dim, l)
  local ev, seen = {}, {}
  for _, q in ipairs(c.dims[dim.id].capped_by) do
    ev[#ev + 1] = q
    seen[q] = true
  end
  local ids, limits = climb_limits(c.survey, dim)
  for i = 1, #ids do
    local q = ids[i]
    local s = c.signals[q]
    if not seen[q] and s ~= nil and s <= l and s < limits[i] then
      ev[#ev + 1] = q
    end
  end
  return ev
end

-- The next step for each dimension below level 5.
local function recommendations(c)
  local recs, rank, heads = {}, {}, {}
  if c.level ~= nil then
    for _, id in ipairs(c.weakest) do heads[id] = true end
  end
  for _, dim in ipairs(c.survey.dimensions) do
    local l = c:lvl(dim.id)
    local step = profile.next_step(dim, l)
    if step ~= nil then
      local r = { id = step.id, dimension = dim.id,
        priority = priority(c, dim, l, heads), from_level = step.from_level,
        to_level = step.to_level, text = step.text,
        evidence = holding(c, dim, l) }
      recs[#recs + 1] = r
      rank[r] = r.priority
    end
  end
  -- by priority (1 to 5), and within one in survey order
  return ranked(recs, rank, 5)
end

-- ---------------------------------------------------------------------

local function score(org, survey, target)
  check_data(survey)
  local min_n = org.respondents >= 5 and 5 or 1
  local opts = { min_n = min_n, evidence_cap = 3, topped = true,
                 adjust = adjust, reach = REACH,
                 evidence_caps = EVIDENCE_CAPS, gate_only = GATE_ONLY,
                 anchor_groups = ANCHOR_GROUPS }
  local dims, signals, unevidenced = profile.dimensions(org, survey, opts)
  local c = setmetatable({ org = org, survey = survey, target = target,
    dims = dims, signals = signals, unevidenced = unevidenced }, Context)
  c.level, c.weakest, c.unrated = profile.weakest_critical(dims, survey)
  local flag_list = flags(c)
  return { dimensions = dims,
           headline = { level = c.level, basis = headline(c) },
           findings = findings(c), recommendations = recommendations(c),
           flags = flag_list, roles = profile.roles(org, survey, opts) }
end

return { score = score }
