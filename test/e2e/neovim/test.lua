-- Neovim 0.7 as a second real LSP client: start the derivcheck server, attach it to a sample
-- buffer, wait for diagnostics, hover, edit, and check that the diagnostics follow.
-- Run: DERIVCHECK_SERVER=dist/server.js DERIVCHECK_SAMPLE=test/e2e/neovim/sample.md \
--      nvim --headless -u NONE -i NONE -n -c 'luafile test/e2e/neovim/test.lua'
-- Exits 0 and prints "derivcheck neovim: ok" on success; `cq 1` with a FAIL line otherwise.

local server = os.getenv('DERIVCHECK_SERVER') or 'dist/server.js'
local sample = os.getenv('DERIVCHECK_SAMPLE') or 'test/e2e/neovim/sample.md'
local timeout = tonumber(os.getenv('DERIVCHECK_TIMEOUT_MS') or '20000')

local h = dofile(debug.getinfo(1, 'S').source:sub(2):match('(.*/)') .. 'harness.lua')
local say, pass, fail = h.say, h.pass, h.fail

local ok, err = pcall(function()
  local buf, client_id, uri, latest = h.open(server, sample, 'markdown')
  if not buf then return fail('vim.lsp.start_client returned nil') end

  -- 1. Diagnostics: one refuted (error) and one unchecked (information), none for the verified claim.
  if not vim.wait(timeout, function() return latest() ~= nil end, 50) then
    return fail('no diagnostics within ' .. timeout .. ' ms')
  end
  local diags = latest().diagnostics
  local codes = {}
  for _, d in ipairs(diags) do codes[d.code] = d end
  if #diags ~= 2 or not codes.refuted or not codes.unchecked then
    return fail('unexpected diagnostics: ' .. vim.inspect(diags))
  end
  if codes.refuted.severity ~= 1 or codes.refuted.range.start.line ~= 4 or codes.refuted.range.start.character ~= 2 then
    return fail('refuted diagnostic: ' .. vim.inspect(codes.refuted))
  end
  if codes.unchecked.severity ~= 3 then return fail('unchecked diagnostic: ' .. vim.inspect(codes.unchecked)) end
  if #vim.diagnostic.get(buf) ~= 2 then return fail('vim.diagnostic has ' .. #vim.diagnostic.get(buf) .. ' diagnostics') end
  pass('diagnostics ok: ' .. codes.refuted.message)

  -- 2. Hover over the refuted claim.
  local client = vim.lsp.get_client_by_id(client_id)
  local hover = client.request_sync('textDocument/hover', { textDocument = { uri = uri }, position = { line = 4, character = 8 } }, timeout, buf)
  if not hover or hover.err or not hover.result then return fail('hover failed: ' .. vim.inspect(hover)) end
  local value = hover.result.contents.value or ''
  if not value:find('refuted', 1, true) then return fail('hover does not mention the verdict: ' .. value) end
  pass('hover ok')

  -- 3. Code lenses.
  local lenses = client.request_sync('textDocument/codeLens', { textDocument = { uri = uri } }, timeout, buf)
  if not lenses or not lenses.result or #lenses.result ~= 3 then return fail('code lenses: ' .. vim.inspect(lenses)) end
  pass('code lenses ok: ' .. lenses.result[2].command.title)

  -- 4. Edit the buffer (incremental sync): fixing `2 + 2 = 5` leaves only the unchecked claim.
  vim.api.nvim_buf_set_text(buf, 4, 10, 4, 11, { '4' })
  local fixed = vim.wait(timeout, function()
    local p = latest()
    return p and #p.diagnostics == 1 and p.diagnostics[1].code == 'unchecked'
  end, 50)
  if not fixed then return fail('diagnostics after the edit: ' .. vim.inspect(latest())) end
  pass('edit ok')

  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
  say('derivcheck neovim: ok')
  say(h.passed .. ' passed, 0 failed')
  vim.cmd('qa!')
end)

if not ok then fail(tostring(err)) end
