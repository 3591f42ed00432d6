-- Neovim 0.7 opens a Quarto document (.qmd, filetype `quarto`, the language id Quarto's
-- extensions use) and gets derivcheck's diagnostics: the slip in prose math is refuted, the
-- identity in the display has none, and the code chunk with `$` in it is not read as math.
-- Run: DERIVCHECK_SERVER=dist/server.js DERIVCHECK_SAMPLE=test/e2e/neovim/sample.qmd \
--      nvim --headless -u NONE -i NONE -n -c 'luafile test/e2e/neovim/quarto.lua'
-- Exits 0 and prints "derivcheck neovim quarto: ok" on success; `cq 1` with a FAIL line otherwise.

local server = os.getenv('DERIVCHECK_SERVER') or 'dist/server.js'
local sample = os.getenv('DERIVCHECK_SAMPLE') or 'test/e2e/neovim/sample.qmd'
local timeout = tonumber(os.getenv('DERIVCHECK_TIMEOUT_MS') or '20000')

local h = dofile(debug.getinfo(1, 'S').source:sub(2):match('(.*/)') .. 'harness.lua')
local say, fail = h.say, h.fail

local ok, err = pcall(function()
  local buf, client_id, uri, latest = h.open(server, sample, 'quarto')
  if not buf then return fail('vim.lsp.start_client returned nil') end

  -- 1. One diagnostic: the refuted slip on line 14 (0-based 13); nothing from the R chunk.
  if not vim.wait(timeout, function() return latest() ~= nil end, 50) then
    return fail('no diagnostics for the .qmd within ' .. timeout .. ' ms')
  end
  local diags = latest().diagnostics
  if #diags ~= 1 or diags[1].code ~= 'refuted' or diags[1].severity ~= 1 or diags[1].range.start.line ~= 13 then
    return fail('unexpected diagnostics for the .qmd: ' .. vim.inspect(diags))
  end
  h.passed = h.passed + 1
  say('quarto diagnostics ok: ' .. diags[1].message)

  -- 2. Hover over the slip.
  local client = vim.lsp.get_client_by_id(client_id)
  local at = { line = 13, character = diags[1].range.start.character + 1 }
  local hover = client.request_sync('textDocument/hover', { textDocument = { uri = uri }, position = at }, timeout, buf)
  local value = hover and hover.result and hover.result.contents.value or ''
  if not value:find('refuted', 1, true) then return fail('quarto hover: ' .. vim.inspect(hover)) end
  h.passed = h.passed + 1
  say('quarto hover ok')

  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
  say('derivcheck neovim quarto: ok')
  say(h.passed .. ' passed, 0 failed')
  vim.cmd('qa!')
end)

if not ok then fail(tostring(err)) end
