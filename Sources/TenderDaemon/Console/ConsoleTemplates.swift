/// The console's page templates (swift-mustache). `{{x}}` is HTML-escaped; `{{{x}}}` is only ever used for the
/// layout's body and the charts, which the daemon renders itself.
enum ConsoleTemplates {
    static let all: [String: String] = [
        "layout": layout, "signin": signin, "procurements": procurements, "procurement": procurement,
        "ledger": ledger, "entry": entry, "verify": verify, "status": status, "error": error,
    ]

    static let layout = """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        {{#refresh}}<meta http-equiv="refresh" content="{{refresh}}">{{/refresh}}
        <title>{{title}} · tender</title>
        <style>
        {{{css}}}
        nav.console { display: flex; gap: 1.2em; align-items: baseline; border-bottom: 1px solid #ccc;
          padding: .4em 0 .6em; margin-bottom: 1em; }
        nav.console .who { margin-left: auto; color: #555; }
        nav.console form { display: inline; }
        tr.winner td { font-weight: bold; background: #fdf1f1; }
        tr.rejected td { color: #8a1c1c; }
        td.state { text-transform: uppercase; font-size: .85em; letter-spacing: .04em; }
        .note { background: #fff8e1; border-left: 4px solid #e0a800; padding: .5em .8em; }
        pre { white-space: pre-wrap; word-break: break-all; }
        form.filters label { margin-right: .8em; }
        </style>
        </head>
        <body>
        <main>
        {{#user}}
        <nav class="console">
        <strong>tender</strong>
        {{#procurements}}<a href="/procurements">Procurements</a>{{/procurements}}
        {{#ledger}}<a href="/ledger">Ledger</a> <a href="/ledger/verify">Verify</a>{{/ledger}}
        {{#operations}}<a href="/status">Status</a>{{/operations}}
        <span class="who">{{name}} ({{role}})</span>
        <form id="signout" method="post" action="/signout"><button type="submit">Sign out</button></form>
        </nav>
        {{/user}}
        {{{body}}}
        </main>
        </body>
        </html>

        """

    static let signin = """
        <h1>Sign in to tender</h1>
        {{#message}}<p class="note" id="signin-message">{{message}}</p>{{/message}}
        <form id="signin" method="post" action="/signin">
        <p><label>User name<br><input name="name" autocomplete="username" required value="{{name}}"></label></p>
        <p><label>Token<br><input name="token" type="password" autocomplete="current-password" required></label></p>
        <p><button type="submit">Sign in</button></p>
        </form>
        <p>Tokens are issued by an administrator with <code>tender users add NAME --role buyer|auditor|operator</code>.</p>
        """

    static let procurements = """
        <h1>Procurements</h1>
        <table id="procurements">
        <thead><tr><th>Procurement</th><th>Title</th><th>State</th><th>Documents</th><th>Assessed</th>
        <th>Missing marks</th><th>Open holds</th><th>Most advantageous</th></tr></thead>
        <tbody>
        {{#procurements}}
        <tr data-procurement="{{id}}">
        <td><a href="/procurements/{{id}}">{{procurement}}{{#lot}} lot {{lot}}{{/lot}}</a></td>
        <td>{{title}}</td><td class="state">{{state}}</td>
        <td>{{#documents}}{{received}} ({{accepted}} accepted, {{rejected}} rejected, {{duplicate}} duplicate){{/documents}}</td>
        <td>{{assessed}}</td><td>{{missing_marks}}</td><td>{{open_holds}}</td><td>{{winner}}</td>
        </tr>
        {{/procurements}}
        </tbody>
        </table>
        {{^procurements}}<p>No procurement has received a document yet.</p>{{/procurements}}
        {{#unattributed}}<p>{{unattributed}} rejected document(s) named no procurement that could be read;
        the ledger lists them (document-rejected).</p>{{/unattributed}}
        """

    static let procurement = """
        {{#procurement}}
        <h1>{{title}}{{^title}}{{procurement}}{{/title}}</h1>
        <p>{{procurement}}{{#lot}} lot {{lot}}{{/lot}} · <span class="state">{{state}}</span> ·
        {{#documents}}{{received}} documents ({{accepted}} accepted, {{rejected}} rejected){{/documents}}</p>
        {{/procurement}}
        <section id="standings">
        <h2>Standings</h2>
        {{#standings}}
        <p>{{#final}}Final evaluation{{/final}}{{^final}}{{kind}} evaluation, not final{{/final}}
        {{#evaluation_seq}}(ledger entry <a href="/ledger/entries/{{evaluation_seq}}">#{{evaluation_seq}}</a>){{/evaluation_seq}}
        · {{method}}</p>
        {{#sealed}}<p class="note" id="sealed">Prices are sealed: quality marks are still missing, so prices,
        price points, totals and ranks stay hidden until every mark is in.</p>{{/sealed}}
        <p id="winner">{{#winner}}Most advantageous tender: {{winner}} — {{winner_supplier}}{{/winner}}{{^winner}}No most
        advantageous tender yet.{{/winner}}</p>
        <table id="standings-table">
        <thead><tr>{{^sealed}}<th>Rank</th>{{/sealed}}<th>Tender</th><th>Supplier</th><th>Status</th>
        {{#criteria}}<th>{{id}}{{#title}}: {{title}}{{/title}} ({{weight}})</th>{{/criteria}}
        {{^sealed}}<th>Price</th><th>Total</th>{{/sealed}}</tr></thead>
        <tbody>
        {{#tenders}}
        <tr class="{{#winner}}winner{{/winner}}" data-tender="{{tender}}">{{^sealed}}<td>{{rank}}</td>{{/sealed}}
        <td>{{tender}}</td><td>{{supplier}}</td><td>{{status}}</td>
        {{#criteria}}<td>{{points}}</td>{{/criteria}}
        {{^sealed}}<td>{{currency}} {{price}}</td><td>{{total}}</td>{{/sealed}}</tr>
        {{/tenders}}
        </tbody>
        </table>
        {{/standings}}
        {{^standings}}<p>No evaluation can be shown: no active methodology covers this procurement.</p>{{/standings}}
        </section>
        {{#charts}}
        <section id="charts">
        <h2>Charts</h2>
        {{{bars}}}
        {{{scatter}}}
        </section>
        {{/charts}}
        <section id="next">
        <h2>What to do next</h2>
        <ol>{{#next_steps}}<li>{{.}}</li>{{/next_steps}}</ol>
        </section>
        <section id="holds">
        <h2>Open holds</h2>
        {{#holds}}<p><strong>{{tender}}</strong> {{kind}} ({{check}}){{#deadline}}, response due {{deadline}}{{/deadline}}: {{message}}</p>{{/holds}}
        {{^holds}}<p>None.</p>{{/holds}}
        <h3>Missing marks</h3>
        {{#missing_marks}}<p>{{tender}} {{question}}: {{needed}}</p>{{/missing_marks}}
        {{^missing_marks}}<p>None.</p>{{/missing_marks}}
        </section>
        <section id="flags">
        <h2>Flags</h2>
        {{#flags}}<p><strong>{{kind}}</strong>{{#tender}} · {{tender}}{{/tender}}: {{message}}{{#action}} <em>{{action}}</em>{{/action}}</p>{{/flags}}
        {{^flags}}<p>None.</p>{{/flags}}
        </section>
        <section id="documents">
        <h2>Documents</h2>
        <table id="documents-table">
        <thead><tr><th>Entry</th><th>File</th><th>Kind</th><th>Outcome</th><th>Reasons</th><th>Recorded</th></tr></thead>
        <tbody>
        {{#documents}}
        <tr class="{{outcome}}"><td>{{seq}}</td><td>{{name}}</td><td>{{kind}}</td><td>{{outcome}}</td>
        <td>{{#reasons}}<div>{{.}}</div>{{/reasons}}</td><td>{{recorded_at}}</td></tr>
        {{/documents}}
        </tbody>
        </table>
        </section>
        <section id="reports">
        <h2>Reports</h2>
        <ul>{{#reports}}<li><a class="report" href="{{href}}">{{name}}</a></li>{{/reports}}</ul>
        {{^reports}}<p>No reports yet (they are written after the close).</p>{{/reports}}
        </section>
        """

    static let ledger = """
        <h1>Ledger</h1>
        <p>{{size}} entries. Newest first.</p>
        <form class="filters" method="get" action="/ledger">
        <label>Type <select name="type"><option value="">any</option>
        {{#types}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/types}}</select></label>
        {{#filter}}
        <label>Procurement <input name="procurement" value="{{procurement}}" size="22"></label>
        <label>From <input name="from" type="date" value="{{from}}"></label>
        <label>To <input name="to" type="date" value="{{to}}"></label>
        {{/filter}}
        <button type="submit">Filter</button>
        </form>
        <table id="entries">
        <thead><tr><th>Entry</th><th>Type</th><th>Recorded</th><th>Procurement</th><th>Summary</th></tr></thead>
        <tbody>
        {{#entries}}
        <tr data-seq="{{seq}}"><td><a href="/ledger/entries/{{seq}}">#{{seq}}</a></td><td>{{type}}</td>
        <td>{{recorded_at}}</td><td>{{procurement}}</td><td>{{summary}}</td></tr>
        {{/entries}}
        </tbody>
        </table>
        {{^entries}}<p>No entry matches.</p>{{/entries}}
        {{#older}}<p><a id="older" href="{{older}}">Older entries</a></p>{{/older}}
        """

    static let entry = """
        <h1>Entry #{{seq}}: {{type}}</h1>
        <p>{{summary}}</p>
        <h2>Body</h2>
        <pre id="body">{{body_text}}</pre>
        <p>Leaf hash <code>{{leaf_hash}}</code><br>Chain hash <code>{{chain_hash}}</code></p>
        <section id="blobs">
        <h2>Blobs</h2>
        {{#blobs}}<p><a class="blob" href="/ledger/blobs/{{.}}">{{.}}</a></p>{{/blobs}}
        {{^blobs}}<p>None.</p>{{/blobs}}
        </section>
        <section id="proof">
        <h2>Inclusion proof</h2>
        {{#proof}}
        <p>Leaf <span id="proof-index">{{leaf_index}}</span> of a tree of <span id="proof-size">{{tree_size}}</span>
        entries (RFC 9162); the hashes, from the leaf up:</p>
        <ol id="proof-hashes">{{#hashes}}<li><code>{{.}}</code></li>{{/hashes}}</ol>
        {{/proof}}
        {{^proof}}<p>No signed checkpoint covers this entry yet; the next one will.</p>{{/proof}}
        </section>
        <section id="checkpoint">
        <h2>Signed checkpoint</h2>
        {{#checkpoint}}
        <p>Size {{size}}, root <code>{{root}}</code>.</p>
        <pre id="checkpoint-note">{{note}}</pre>
        {{/checkpoint}}
        {{^checkpoint}}<p>None yet.</p>{{/checkpoint}}
        </section>
        """

    static let verify = """
        <h1>Verify the ledger</h1>
        <form method="post" action="/ledger/verify"><button type="submit" id="verify-now">Verify now</button></form>
        {{#run}}
        <section id="verification">
        <p>Started {{started_at}} by {{started_by}} over {{entries_at_start}} entries: <strong id="verify-state">{{state}}</strong>,
        <span id="verify-progress">{{entries_checked}}</span> entries checked
        {{#finished_at}}, finished {{finished_at}} in {{seconds}} s{{/finished_at}}.</p>
        {{#size}}<p id="verify-result">{{#valid}}Valid: {{/valid}}{{^valid}}NOT valid: {{problem_count}} problem(s). {{/valid}}
        {{size}} entries, root <code>{{root}}</code>, {{checkpoints_checked}} checkpoints and {{blobs_checked}} blobs
        checked, {{unsigned_entries}} entries not yet signed.</p>{{/size}}
        {{#failure}}<p class="note">{{failure}}</p>{{/failure}}
        <ul>{{#problems}}<li>{{.}}</li>{{/problems}}</ul>
        </section>
        {{/run}}
        {{^run}}<p>No verification has run since the daemon started.</p>{{/run}}
        """

    static let status = """
        <h1>Status</h1>
        {{#status}}
        <table id="status">
        <tr><th>Version</th><td>{{version}} (pid {{pid}})</td></tr>
        <tr><th>Up since</th><td>{{started_at}} ({{uptime_seconds}} s)</td></tr>
        <tr><th>Rule set</th><td><code>{{ruleset_digest}}</code>{{^ruleset_digest}}none active{{/ruleset_digest}}</td></tr>
        {{#documents_today}}<tr><th>Documents today ({{date}})</th><td>{{accepted}} accepted, {{rejected}} rejected,
        {{duplicate}} duplicate</td></tr>{{/documents_today}}
        <tr><th>Inbox</th><td>{{inbox_waiting}} file(s) waiting</td></tr>
        <tr><th>Processing</th><td>{{processing_waiting}} file(s) waiting for a retry</td></tr>
        <tr><th>Ledger</th><td>{{ledger_entries}} entries, {{ledger_signed_entries}} signed</td></tr>
        <tr><th>Last error</th><td>{{#last_error}}{{at}}: {{message}}{{/last_error}}{{^last_error}}none{{/last_error}}</td></tr>
        </table>
        {{/status}}
        """

    static let error = """
        <h1>{{heading}}</h1>
        <p>{{message}}</p>
        """
}
