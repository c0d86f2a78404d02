// AlphaPulse dashboard: history from the API (/api/v1), live data from the bridge WebSocket (protocol v1).
// No third-party code. Decimals stay strings for display; numbers are used only to place pixels on the canvas.
'use strict';

const state = {
    config: null,
    accessToken: null,
    refreshToken: null,
    refreshTimer: null,
    socket: null,
    reconnectTimer: null,
    instruments: [],
    instrument: null,
    interval: '1m',
    candles: [],
    chartUpdates: 0,
    trades: 0,
    feeds: {},
    lastHeartbeat: 0,
    pollTimer: null
};

const $ = (id) => document.getElementById(id);

function text(value) {
    return value === null || value === undefined ? '-' : String(value);
}

function cell(row, value, cls) {
    const td = document.createElement('td');
    td.textContent = text(value);
    if (cls) {
        td.className = cls;
    }
    row.appendChild(td);
    return td;
}

function showMessage(message) {
    $('message').textContent = message || '';
}

async function api(path, options) {
    const opts = Object.assign({headers: {}}, options || {});
    if (state.accessToken) {
        opts.headers['Authorization'] = 'Bearer ' + state.accessToken;
    }
    if (opts.body && typeof opts.body !== 'string') {
        opts.body = JSON.stringify(opts.body);
        opts.headers['Content-Type'] = 'application/json';
    }
    let response = await fetch(path, opts);
    if (response.status === 401 && state.refreshToken && !opts.retried) {
        if (await refresh()) {
            return api(path, Object.assign(opts, {retried: true, body: options && options.body}));
        }
    }
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : await response.text();
    if (!response.ok) {
        const detail = body && body.detail ? body.detail : response.status + ' ' + response.statusText;
        throw new Error(detail);
    }
    return body;
}

// ---------------------------------------------------------------------------------------------------------------
// Login and tokens

async function login(event) {
    event.preventDefault();
    $('login-error').textContent = '';
    try {
        const tokens = await api('/api/v1/auth/login', {
            method: 'POST', body: {username: $('username').value, password: $('password').value}
        });
        $('password').value = '';
        await signedIn(tokens);
    } catch (e) {
        $('login-error').textContent = e.message;
    }
}

async function signedIn(tokens) {
    state.accessToken = tokens.accessToken;
    state.refreshToken = tokens.refreshToken;
    clearTimeout(state.refreshTimer);
    // Refresh a minute before the access token expires (at least every 30 s for very short lifetimes).
    state.refreshTimer = setTimeout(refresh, Math.max(30, tokens.expiresIn - 60) * 1000);
    $('whoami').textContent = tokens.username + ' (' + tokens.roles.join(', ') + ')';
    $('login-view').hidden = true;
    $('main-view').hidden = false;
    $('logout').hidden = false;
    await loadInstruments();
    await loadPortfolios();
    await loadFeeds();
    connectBridge();
    clearInterval(state.pollTimer);
    state.pollTimer = setInterval(() => {
        loadPortfolio().catch((e) => showMessage(e.message));
        loadFeeds().catch((e) => showMessage(e.message));
        renderFeeds();
    }, 5000);
}

async function refresh() {
    if (!state.refreshToken) {
        return false;
    }
    try {
        const response = await fetch('/api/v1/auth/refresh', {
            method: 'POST', headers: {'Content-Type': 'application/json'},
            body: JSON.stringify({refreshToken: state.refreshToken})
        });
        if (!response.ok) {
            signOut('session expired: sign in again');
            return false;
        }
        const tokens = await response.json();
        state.accessToken = tokens.accessToken;
        state.refreshToken = tokens.refreshToken;
        clearTimeout(state.refreshTimer);
        state.refreshTimer = setTimeout(refresh, Math.max(30, tokens.expiresIn - 60) * 1000);
        return true;
    } catch (e) {
        return false;
    }
}

async function signOut(reason) {
    if (state.refreshToken) {
        fetch('/api/v1/auth/logout', {
            method: 'POST', headers: {'Content-Type': 'application/json'},
            body: JSON.stringify({refreshToken: state.refreshToken})
        }).catch(() => undefined);
    }
    state.accessToken = null;
    state.refreshToken = null;
    clearTimeout(state.refreshTimer);
    clearInterval(state.pollTimer);
    clearTimeout(state.reconnectTimer);
    if (state.socket) {
        state.socket.onclose = null;
        state.socket.close();
        state.socket = null;
    }
    $('main-view').hidden = true;
    $('login-view').hidden = false;
    $('logout').hidden = true;
    $('whoami').textContent = '';
    $('login-error').textContent = typeof reason === 'string' ? reason : '';
    setLive('off', 'offline');
}

// ---------------------------------------------------------------------------------------------------------------
// History from the API

async function loadInstruments() {
    state.instruments = await api('/api/v1/instruments');
    const select = $('instrument');
    select.innerHTML = '';
    state.instruments.forEach((instrument, i) => {
        const option = document.createElement('option');
        option.value = String(i);
        option.textContent = instrument.exchange + ' ' + instrument.symbol;
        select.appendChild(option);
    });
    if (state.instruments.length === 0) {
        showMessage('no instruments stored yet: waiting for the writer');
        return;
    }
    await selectInstrument(state.instruments[0]);
}

async function selectInstrument(instrument) {
    state.instrument = instrument;
    $('chart-label').textContent = instrument.exchange + ' ' + instrument.symbol + ' ' + state.interval;
    $('trades').tBodies[0].innerHTML = '';
    $('book').tBodies[0].innerHTML = '';
    state.trades = 0;
    $('trade-count').textContent = '0';
    await loadCandles();
    await loadTrades();
    subscribe();
}

async function loadCandles() {
    const i = state.instrument;
    const series = await api('/api/v1/candles?exchange=' + i.exchange + '&instrumentId=' + i.instrumentId +
        '&interval=' + state.interval);
    state.candles = series.candles.map((c) => ({
        start: Date.parse(c.start), open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume
    }));
    drawChart();
}

async function loadTrades() {
    const i = state.instrument;
    const page = await api('/api/v1/trades?exchange=' + i.exchange + '&instrumentId=' + i.instrumentId +
        '&limit=1000&from=' + new Date(Date.now() - 3600_000).toISOString());
    page.items.slice(-50).forEach((t) => addTrade({time: t.time, side: t.side, price: t.price, qty: t.quantity}));
}

async function loadPortfolios() {
    const portfolios = await api('/api/v1/portfolios');
    const select = $('portfolio');
    select.innerHTML = '';
    portfolios.forEach((p) => {
        const option = document.createElement('option');
        option.value = String(p.portfolioId);
        option.textContent = p.name;
        select.appendChild(option);
    });
    await loadPortfolio();
}

async function loadPortfolio() {
    const id = $('portfolio').value;
    if (!id) {
        return;
    }
    const p = await api('/api/v1/portfolios/' + encodeURIComponent(id));
    $('realized').textContent = p.realizedPnl;
    $('unrealized').textContent = p.unrealizedPnl;
    const balances = $('balances').tBodies[0];
    balances.innerHTML = '';
    p.balances.forEach((b) => {
        const row = balances.insertRow();
        cell(row, b.asset);
        cell(row, b.balance);
    });
    const positions = $('positions').tBodies[0];
    positions.innerHTML = '';
    p.positions.forEach((pos) => {
        const row = positions.insertRow();
        cell(row, pos.instrumentId);
        cell(row, pos.quantity);
        cell(row, pos.averagePrice);
        cell(row, pos.realizedPnl);
        cell(row, pos.unrealizedPnl);
    });
    const history = await api('/api/v1/portfolios/' + encodeURIComponent(id) + '/pnl');
    drawLine($('pnl'), history.map((h) => Number(h.totalPnl)));
}

async function loadFeeds() {
    const feeds = await api('/api/v1/feeds');
    feeds.forEach((f) => {
        const live = state.feeds[f.exchange] || {};
        state.feeds[f.exchange] = Object.assign(live, {stored: f});
    });
    const gaps = await api('/api/v1/feeds/gaps?limit=20');
    const list = $('events');
    list.querySelectorAll('li.stored').forEach((li) => li.remove());
    gaps.forEach((g) => {
        const li = document.createElement('li');
        li.className = 'stored';
        li.textContent = g.time.substring(11, 19) + ' ' + g.exchange + ' ' + g.eventType + ' ' + (g.detail || '');
        list.appendChild(li);
    });
    renderFeeds();
}

function renderFeeds() {
    const body = $('feeds').tBodies[0];
    body.innerHTML = '';
    Object.keys(state.feeds).sort().forEach((exchange) => {
        const f = state.feeds[exchange];
        const stored = f.stored || {};
        const row = body.insertRow();
        cell(row, exchange);
        cell(row, (f.lastEvent || stored.lastEventType || '-'));
        cell(row, stored.gapsLastHour);
        const lagSeconds = f.lastLiveMs ? Math.round((Date.now() - f.lastLiveMs) / 1000) : stored.lagSeconds;
        cell(row, lagSeconds === null || lagSeconds === undefined ? 'stale' : lagSeconds + ' s',
            lagSeconds === null || lagSeconds === undefined || lagSeconds > 30 ? 'sell' : 'buy');
        cell(row, f.lastLiveMs && Date.now() - f.lastLiveMs < 10_000 ? 'yes' : 'no');
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Live data from the bridge

function setLive(cls, label) {
    const el = $('live-status');
    el.className = 'status ' + cls;
    el.textContent = label;
}

function connectBridge() {
    if (!state.config || !state.config.bridgeUrl) {
        setLive('off', 'no bridge configured: history only');
        return;
    }
    if (state.socket) {
        state.socket.onclose = null;
        state.socket.close();
    }
    const url = state.config.bridgeUrl + (state.config.bridgeUrl.includes('?') ? '&' : '?') + 'token=' +
        encodeURIComponent(state.accessToken);
    const socket = new WebSocket(url);
    state.socket = socket;
    setLive('stale', 'connecting');
    socket.onopen = () => {
        setLive('on', 'live');
        subscribe();
    };
    socket.onmessage = (event) => {
        // A frame is one message or a batch (an array) of them, in order (PROTOCOL.md).
        const data = JSON.parse(event.data);
        (Array.isArray(data) ? data : [data]).forEach(onBridgeMessage);
    };
    socket.onclose = (event) => {
        setLive('off', 'bridge closed' + (event.reason ? ': ' + event.reason : '') + '; reconnecting');
        clearTimeout(state.reconnectTimer);
        state.reconnectTimer = setTimeout(() => {
            if (state.accessToken) {
                connectBridge();
            }
        }, 2000);
    };
}

let requestId = 0;

function send(request) {
    if (state.socket && state.socket.readyState === WebSocket.OPEN) {
        request.id = ++requestId;
        state.socket.send(JSON.stringify(request));
    }
}

function subscribe() {
    if (!state.instrument || !state.socket || state.socket.readyState !== WebSocket.OPEN) {
        return;
    }
    if (state.subscribed) {
        ['trades', 'book', 'candles'].forEach((channel) => send({
            op: 'unsubscribe', channel: channel, exchange: state.subscribed.exchange, symbol: state.subscribed.symbol
        }));
    }
    const i = state.instrument;
    send({op: 'subscribe', channel: 'trades', exchange: i.exchange, symbol: i.symbol});
    send({op: 'subscribe', channel: 'book', exchange: i.exchange, symbol: i.symbol, depth: 10});
    send({op: 'subscribe', channel: 'candles', exchange: i.exchange, symbol: i.symbol});
    if (!state.subscribed) {
        send({op: 'subscribe', channel: 'status', exchange: '*', symbol: '*'});
    }
    state.subscribed = {exchange: i.exchange, symbol: i.symbol};
}

function matches(message) {
    return state.instrument && message.exchange === state.instrument.exchange &&
        message.symbol === state.instrument.symbol;
}

function onBridgeMessage(message) {
    switch (message.type) {
        case 'trade':
            if (matches(message)) {
                addTrade(message);
                applyTradeToChart(message);
            }
            markLive(message.exchange);
            break;
        case 'book':
            if (matches(message)) {
                renderBook(message);
            }
            markLive(message.exchange);
            break;
        case 'candle':
            if (matches(message)) {
                applyCandle(message);
            }
            break;
        case 'snapshot':
            (message.items || []).forEach(onBridgeMessage);
            break;
        case 'status':
            onStatus(message);
            break;
        case 'heartbeat':
            state.lastHeartbeat = Date.now();
            setLive(message.live ? 'on' : 'stale', message.live ? 'live' : 'bridge not receiving');
            break;
        case 'error':
            showMessage('bridge: ' + message.message);
            break;
        default:
            break;
    }
}

function markLive(exchange) {
    if (exchange) {
        const feed = state.feeds[exchange] || (state.feeds[exchange] = {});
        feed.lastLiveMs = Date.now();
    }
}

function onStatus(message) {
    if (!message.exchange) {
        return;
    }
    const feed = state.feeds[message.exchange] || (state.feeds[message.exchange] = {});
    if (message.event) {
        feed.lastEvent = message.event;
        const li = document.createElement('li');
        li.textContent = (message.time || '').substring(11, 19) + ' ' + message.exchange + ' ' + message.event +
            ' ' + (message.detail || '');
        $('events').prepend(li);
    }
    renderFeeds();
}

function addTrade(trade) {
    const body = $('trades').tBodies[0];
    const row = body.insertRow(0);
    row.className = trade.side === 'buy' ? 'buy' : trade.side === 'sell' ? 'sell' : '';
    cell(row, (trade.exchangeTime || trade.time || '').substring(11, 23));
    cell(row, trade.side);
    cell(row, trade.price);
    cell(row, trade.qty);
    while (body.rows.length > 60) {
        body.deleteRow(body.rows.length - 1);
    }
    state.trades++;
    $('trade-count').textContent = String(state.trades);
}

function renderBook(book) {
    const body = $('book').tBodies[0];
    body.innerHTML = '';
    const depth = Math.max(book.bids.length, book.asks.length);
    for (let level = 0; level < depth; level++) {
        const bid = book.bids[level] || [];
        const ask = book.asks[level] || [];
        const row = body.insertRow();
        cell(row, bid[1], 'buy');
        cell(row, bid[0], 'buy');
        cell(row, ask[0], 'sell');
        cell(row, ask[1], 'sell');
    }
    $('book-state').textContent = book.consistent ? '' : 'book resynchronising';
}

function intervalMs() {
    const n = parseInt(state.interval, 10);
    const unit = state.interval.slice(-1);
    return n * (unit === 'm' ? 60_000 : unit === 'h' ? 3_600_000 : unit === 'd' ? 86_400_000 : 604_800_000);
}

function applyCandle(candle) {
    // The bridge's candles are 1m; at longer intervals the trades move the chart instead.
    if (state.interval !== candle.interval) {
        return;
    }
    upsertCandle(Date.parse(candle.start), (c) => {
        c.open = candle.open;
        c.high = candle.high;
        c.low = candle.low;
        c.close = candle.close;
        c.volume = candle.volume;
    }, candle.open);
}

function applyTradeToChart(trade) {
    const time = Date.parse(trade.exchangeTime || trade.receiveTime || new Date().toISOString());
    const start = Math.floor(time / intervalMs()) * intervalMs();
    upsertCandle(start, (c) => {
        if (Number(trade.price) > Number(c.high)) {
            c.high = trade.price;
        }
        if (Number(trade.price) < Number(c.low)) {
            c.low = trade.price;
        }
        c.close = trade.price;
    }, trade.price);
}

function upsertCandle(start, update, firstPrice) {
    let candle = state.candles.find((c) => c.start === start);
    if (!candle) {
        candle = {start: start, open: firstPrice, high: firstPrice, low: firstPrice, close: firstPrice, volume: '0'};
        state.candles.push(candle);
        state.candles.sort((a, b) => a.start - b.start);
        if (state.candles.length > 300) {
            state.candles.shift();
        }
    }
    update(candle);
    state.chartUpdates++;
    drawChart();
}

function drawChart() {
    const canvas = $('chart');
    const g = canvas.getContext('2d');
    const w = canvas.width;
    const h = canvas.height;
    g.clearRect(0, 0, w, h);
    const candles = state.candles.slice(-120);
    canvas.dataset.candles = String(state.candles.length);
    canvas.dataset.updates = String(state.chartUpdates);
    canvas.dataset.lastClose = candles.length ? candles[candles.length - 1].close : '';
    if (candles.length === 0) {
        g.fillStyle = '#7d8a99';
        g.fillText('no candles yet', 10, 20);
        return;
    }
    let lo = Infinity;
    let hi = -Infinity;
    candles.forEach((c) => {
        lo = Math.min(lo, Number(c.low));
        hi = Math.max(hi, Number(c.high));
    });
    if (hi === lo) {
        hi += 1;
        lo -= 1;
    }
    const pad = 50;
    const y = (price) => 10 + (h - 30) * (hi - Number(price)) / (hi - lo);
    const step = (w - pad) / Math.max(candles.length, 20);
    g.strokeStyle = '#26313d';
    g.fillStyle = '#7d8a99';
    for (let i = 0; i <= 4; i++) {
        const price = lo + (hi - lo) * i / 4;
        g.beginPath();
        g.moveTo(0, y(price));
        g.lineTo(w - pad, y(price));
        g.stroke();
        g.fillText(price.toPrecision(7), w - pad + 4, y(price) + 4);
    }
    candles.forEach((c, i) => {
        const x = i * step + step / 2;
        const up = Number(c.close) >= Number(c.open);
        g.strokeStyle = g.fillStyle = up ? '#2ebd85' : '#f6465d';
        g.beginPath();
        g.moveTo(x, y(c.high));
        g.lineTo(x, y(c.low));
        g.stroke();
        const top = y(Math.max(Number(c.open), Number(c.close)));
        const bottom = y(Math.min(Number(c.open), Number(c.close)));
        g.fillRect(x - step * 0.35, top, step * 0.7, Math.max(1, bottom - top));
    });
    const last = candles[candles.length - 1];
    g.fillStyle = '#d8dee6';
    g.fillText(last.close, 10, h - 6);
}

function drawLine(canvas, values) {
    const g = canvas.getContext('2d');
    g.clearRect(0, 0, canvas.width, canvas.height);
    if (values.length < 2) {
        g.fillStyle = '#7d8a99';
        g.fillText(values.length ? 'PnL ' + values[0] : 'no PnL history yet', 10, 20);
        return;
    }
    const lo = Math.min(...values);
    const hi = Math.max(...values) === lo ? lo + 1 : Math.max(...values);
    g.strokeStyle = '#4aa3ff';
    g.beginPath();
    values.forEach((v, i) => {
        const x = i * (canvas.width - 10) / (values.length - 1) + 5;
        const yy = 5 + (canvas.height - 10) * (hi - v) / (hi - lo);
        if (i === 0) {
            g.moveTo(x, yy);
        } else {
            g.lineTo(x, yy);
        }
    });
    g.stroke();
}

// ---------------------------------------------------------------------------------------------------------------

async function start() {
    $('login-form').addEventListener('submit', login);
    $('logout').addEventListener('click', () => signOut(''));
    $('instrument').addEventListener('change', (e) => {
        selectInstrument(state.instruments[Number(e.target.value)]).catch((err) => showMessage(err.message));
    });
    $('interval').addEventListener('change', (e) => {
        state.interval = e.target.value;
        selectInstrument(state.instrument).catch((err) => showMessage(err.message));
    });
    $('portfolio').addEventListener('change', () => loadPortfolio().catch((err) => showMessage(err.message)));
    try {
        state.config = await api('/api/v1/config');
    } catch (e) {
        $('login-error').textContent = 'API not reachable: ' + e.message;
    }
}

start();
