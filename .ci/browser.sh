# Sourced by .ci/run: Debian's chromium and chromium-driver for the console's browser tests (BrowserConsoleIT), installed
# with apt-get where missing. Selenium drives them through /usr/bin/chromedriver: nothing is downloaded by a test tool.
browser_installed() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    echo "Chromium or ChromeDriver is not installed: installing them"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
  fi
  /usr/bin/chromium --version
  /usr/bin/chromedriver --version
}

# Debian's prometheus for MetricsIT (a real Prometheus scraping the server's management interface), installed with
# apt-get where missing. The package's own service is not wanted: the test starts its own on a free port.
prometheus_installed() {
  if [ ! -x /usr/bin/prometheus ]; then
    echo "Prometheus is not installed: installing it"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus
  fi
  /usr/bin/prometheus --version 2>&1 | head -1
}
