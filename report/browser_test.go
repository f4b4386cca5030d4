package report

import (
	"context"
	"encoding/json"
	stdhtml "html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// probe is put at the top of a copy of report.html (the report itself
// has no scripts): it records page errors, failed resources and console
// errors, and on load writes them, with how many charts are laid out with
// a size, into an attribute of <body> that --dump-dom shows.
const probe = `<script>
window.__errs = [];
addEventListener('error', e => __errs.push(e.message || ('failed to load ' + ((e.target && (e.target.src || e.target.href)) || 'a resource'))), true);
addEventListener('unhandledrejection', e => __errs.push('unhandled rejection: ' + e.reason));
for (const level of ['error', 'warn']) {
  const orig = console[level];
  console[level] = (...a) => { __errs.push('console.' + level + ': ' + a.join(' ')); orig.apply(console, a); };
}
addEventListener('load', () => {
  const svgs = [...document.querySelectorAll('svg')];
  const drawn = svgs.filter(s => { const r = s.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length;
  document.body.setAttribute('data-probe', JSON.stringify({errors: __errs, charts: svgs.length, drawn: drawn}));
});
</script>`

// chromium is the headless browser, or "" when none is installed.
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestReportInABrowser opens report.html in headless Chromium: the page
// must load without errors (scripts, resources, console) and lay out
// every chart. Set ANSATZ_REPORT_SCREENSHOT=file.png to also save what the
// browser drew.
func TestReportInABrowser(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("no chromium on PATH (apt-get install -y chromium): the browser check of report.html is skipped")
	}
	dir := t.TempDir()
	if err := Write(dir, sample()); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Count(string(page), "<svg")
	probed := filepath.Join(dir, "probe.html")
	if err := os.WriteFile(probed, []byte(strings.Replace(string(page), "<head>", "<head>\n"+probe, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr := runChromium(t, bin, dir, "--dump-dom", "file://"+probed)
	m := regexp.MustCompile(`data-probe="([^"]*)"`).FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("the page did not finish loading (no probe in the DOM); chromium said:\n%s", stderr)
	}
	var got struct {
		Errors []string
		Charts int
		Drawn  int
	}
	if err := json.Unmarshal([]byte(stdhtml.UnescapeString(m[1])), &got); err != nil {
		t.Fatalf("probe %q: %v", m[1], err)
	}
	if len(got.Errors) > 0 {
		t.Errorf("the page has errors: %q", got.Errors)
	}
	if got.Charts != want || got.Drawn != want {
		t.Errorf("%d charts in the page, %d in the DOM, %d laid out with a size", want, got.Charts, got.Drawn)
	}
	for _, l := range strings.Split(stderr, "\n") {
		if strings.Contains(l, ":CONSOLE") {
			t.Errorf("console message: %s", l)
		}
	}
	if shot := os.Getenv("ANSATZ_REPORT_SCREENSHOT"); shot != "" {
		abs, _ := filepath.Abs(shot)
		runChromium(t, bin, dir, "--window-size=1100,5200", "--screenshot="+abs, "file://"+filepath.Join(dir, "report.html"))
		t.Logf("screenshot: %s", abs)
	}
}

// runChromium runs the headless browser with a fresh profile in dir.
func runChromium(t *testing.T, bin, dir string, args ...string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
		"--disable-extensions", "--user-data-dir=" + filepath.Join(dir, "profile"), "--enable-logging=stderr", "--v=0",
		"--virtual-time-budget=5000"}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, errb.String())
	}
	return out.String(), errb.String()
}
