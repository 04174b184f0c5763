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
