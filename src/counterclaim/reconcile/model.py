"""A statistical estimate: claims as noisy, censored, biased observations of a monotone truth.

The model, on the scale z = log(1 + figure):

- Each series has a latent value L[k] on each of its dates, following a random walk
  (`growth_sd_per_sqrt_day` per square-root day) from a weak prior on its first value.
- Each claimant, in its class towards the subject (a belligerent speaking of its own losses is
  a different witness from the same belligerent speaking of its enemy's), has a multiplicative
  bias b ~ Student-t(bias_df, scale = class bias_scale), shared by every series it speaks in;
  the heavy tails let one claimant far off the others carry its whole bias. A claimant who
  always says three times what the others say gets b ~ log 3, and where it stands alone its
  figure is divided by about three.
- A claim is z_claim = L[k] + b + noise, noise ~ Normal(0, base_noise^2 + qualifier noise^2),
  read according to its qualifier: a point ("about 1,100"), a lower bound ("at least 200",
  right-censored), an upper bound ("up to 30", left-censored) or an interval ("hundreds":
  200 to 999). A part of a total (killed within casualties) is a lower bound on the total.
- A cumulative series cannot decrease. The constraint is imposed by projection: every
  posterior draw of a cumulative series is replaced by its closest non-decreasing path
  (weighted isotonic regression), as in Lin and Dunson's projection posteriors (Biometrika,
  2014). Every draw is monotone, so the reported medians and intervals are too.

Why MAP with a Laplace approximation (SciPy's L-BFGS-B with an analytic gradient, and the exact
Hessian): without the constraint the log posterior is smooth and close to Gaussian on the log
scale, one quasi-Newton fit of a few thousand parameters takes well under a second, and
Gaussian draws plus one isotonic fit per draw cost little more. MCMC (Stan, PyMC) would be
more exact in the tails but needs a compiler or a heavy dependency and minutes per run; a
bootstrap needs dozens of refits and means little for the many series that rest on one or two
claims, where the priors must do the work. Fitting the constrained mode instead (for example
with softplus rises) puts the mode on the boundary where a Laplace approximation breaks down.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.linalg import cho_factor, solve_triangular
from scipy.optimize import isotonic_regression, minimize
from scipy.special import log_ndtr

from counterclaim.errors import CounterclaimError
from counterclaim.reconcile.grouping import Member, Series
from counterclaim.reconcile.results import EstimatePoint
from counterclaim.reconcile.settings import Settings

Z_LIMIT = 40.0  # standardised distances beyond this are treated as certain
OPEN_END = 1e3  # a bound this far away (log scale) stands for "no bound"
LOG_SQRT_2PI = 0.5 * math.log(2 * math.pi)


class ModelError(CounterclaimError):
    """The statistical estimate could not be computed."""


@dataclass
class Design:
    """The claims laid out as arrays for the likelihood."""

    n_series: int
    n_latent: int
    segment_start: np.ndarray  # first latent index of each latent's series
    is_start: np.ndarray  # True at each series' first date
    monotone: np.ndarray  # per latent: True when its series is cumulative
    gap_days: np.ndarray  # days since the previous date of the series (1 at starts)
    level_prior: np.ndarray  # per series: prior mean of its first log value
    obs_latent: np.ndarray
    obs_bias: np.ndarray
    obs_low: np.ndarray
    obs_high: np.ndarray
    obs_sigma: np.ndarray
    obs_is_point: np.ndarray
    bias_scale: np.ndarray
    bias_names: list[str]


def observation(member: Member, settings: Settings) -> tuple[float, float, bool]:
    """(low, high, is_point) on the log1p scale for one claim, as its qualifier reads it."""
    claim = member.claim
    if member.role == "bound":
        floor = claim.floor(settings)
        return (math.log1p(floor), OPEN_END, False) if floor is not None else (-OPEN_END, OPEN_END, False)
    censoring = settings.reading(claim.qualifier).censoring
    stated = math.log1p(claim.stated)
    if censoring == "interval" and claim.high is not None and claim.high > claim.stated:
        return stated, math.log1p(claim.high), False
    if censoring == "lower" or (censoring == "interval" and claim.high is None):
        return stated, OPEN_END, False
    if censoring == "upper":
        return -OPEN_END, stated, False
    return stated, stated, True


def build_design(series: list[Series], settings: Settings) -> tuple[Design, list[list]]:
    """Arrays of the model, and for each series its dates."""
    model = settings.model
    starts, monotone, gaps, level_prior, series_dates = [], [], [], [], []
    obs: dict[str, list] = {k: [] for k in ("latent", "bias", "low", "high", "sigma", "point")}
    bias_index: dict[str, int] = {}
    bias_sd: list[float] = []
    latent = 0
    for s in series:
        counted = s.counted()
        dates = sorted({m.claim.date for m in counted})
        series_dates.append(dates)
        index_of = {d: latent + i for i, d in enumerate(dates)}
        for i, d in enumerate(dates):
            starts.append(latent)
            monotone.append(s.is_cumulative)
            gaps.append(1.0 if i == 0 else max((d - dates[i - 1]).days, 1) / 1.0)
        stated = [math.log1p(m.claim.point()) for m in counted if m.role == "figure"]
        level_prior.append(float(np.median(stated)) if stated else 0.0)
        latent += len(dates)
        for m in counted:
            low, high, is_point = observation(m, settings)
            key = f"{m.claim.claimant_name} ({settings.classes[m.claimant_class].label})"
            if key not in bias_index:
                bias_index[key] = len(bias_index)
                bias_sd.append(settings.classes[m.claimant_class].bias_scale)
            noise = settings.reading(m.claim.qualifier).noise
            obs["latent"].append(index_of[m.claim.date])
            obs["bias"].append(bias_index[key])
            obs["low"].append(low)
            obs["high"].append(high)
            obs["sigma"].append(math.sqrt(model.base_noise ** 2 + noise ** 2))
            obs["point"].append(is_point)
    segment_start = np.array(starts, dtype=int)
    design = Design(
        n_series=len(series), n_latent=latent, segment_start=segment_start,
        is_start=segment_start == np.arange(latent), monotone=np.array(monotone, dtype=bool),
        gap_days=np.array(gaps), level_prior=np.array(level_prior),
        obs_latent=np.array(obs["latent"], dtype=int), obs_bias=np.array(obs["bias"], dtype=int),
        obs_low=np.array(obs["low"]), obs_high=np.array(obs["high"]),
        obs_sigma=np.array(obs["sigma"]), obs_is_point=np.array(obs["point"], dtype=bool),
        bias_scale=np.array(bias_sd), bias_names=list(bias_index))
    return design, series_dates


def observation_terms(m: np.ndarray, d: Design) -> tuple[float, np.ndarray, np.ndarray]:
    """Negative log likelihood of all claims, and its first and second derivatives in m."""
    sigma = d.obs_sigma
    nll = np.zeros_like(m)
    first = np.zeros_like(m)
    second = np.zeros_like(m)
    pt = d.obs_is_point
    resid = (m[pt] - d.obs_low[pt]) / sigma[pt]
    nll[pt] = 0.5 * resid ** 2 + np.log(sigma[pt]) + LOG_SQRT_2PI
    first[pt] = resid / sigma[pt]
    second[pt] = 1.0 / sigma[pt] ** 2
    cen = ~pt
    s = sigma[cen]
    za = np.clip((d.obs_low[cen] - m[cen]) / s, -Z_LIMIT, Z_LIMIT)
    zb = np.clip((d.obs_high[cen] - m[cen]) / s, -Z_LIMIT, Z_LIMIT)
    # P = Phi(zb) - Phi(za), computed on the side of the mean where it does not cancel out.
    flip = za > 0
    upper, lower = np.where(flip, -za, zb), np.where(flip, -zb, za)
    log_upper, log_lower = log_ndtr(upper), log_ndtr(lower)
    log_p = log_upper + np.log1p(-np.exp(np.minimum(log_lower - log_upper, -1e-12)))
    ratio_a = np.exp(-0.5 * za ** 2 - LOG_SQRT_2PI - log_p)  # phi(za) / P
    ratio_b = np.exp(-0.5 * zb ** 2 - LOG_SQRT_2PI - log_p)  # phi(zb) / P
    nll[cen] = -log_p
    first[cen] = -(ratio_a - ratio_b) / s
    second[cen] = -(za * ratio_a - zb * ratio_b) / s ** 2 + ((ratio_a - ratio_b) / s) ** 2
    return float(nll.sum()), first, second


class Posterior:
    """Negative log posterior over the latent paths and the biases, with derivatives."""

    def __init__(self, design: Design, settings: Settings) -> None:
        self.d = design
        self.level_sd = settings.model.level_prior_sd
        self.bias_df = settings.model.bias_df
        self.step_var = settings.model.growth_sd_per_sqrt_day ** 2 * design.gap_days
        self.n_latent = design.n_latent
        self.n_bias = len(design.bias_names)
        self.steps = np.flatnonzero(~design.is_start)  # latents with a previous date

    def value_and_grad(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        """Negative log posterior and its gradient."""
        d, steps = self.d, self.steps
        path, bias = theta[: self.n_latent], theta[self.n_latent:]
        m = path[d.obs_latent] + bias[d.obs_bias]
        nll, first, _ = observation_terms(m, d)
        grad_path = np.bincount(d.obs_latent, weights=first, minlength=self.n_latent)
        grad_bias = np.bincount(d.obs_bias, weights=first, minlength=self.n_bias)
        start = d.is_start
        level_dev = path[start] - d.level_prior
        nll += 0.5 * float(np.sum((level_dev / self.level_sd) ** 2))
        grad_path[start] += level_dev / self.level_sd ** 2
        rise = (path[steps] - path[steps - 1]) / self.step_var[steps]
        nll += 0.5 * float(np.sum(rise * (path[steps] - path[steps - 1])))
        grad_path[steps] += rise
        np.subtract.at(grad_path, steps - 1, rise)
        spread = self.bias_df * d.bias_scale ** 2
        nll += 0.5 * (self.bias_df + 1) * float(np.sum(np.log1p(bias ** 2 / spread)))
        grad_bias += (self.bias_df + 1) * bias / (spread + bias ** 2)
        return nll, np.concatenate([grad_path, grad_bias])

    def hessian(self, theta: np.ndarray) -> np.ndarray:
        """The Hessian of the negative log posterior at theta (dense)."""
        d, steps, n_latent = self.d, self.steps, self.n_latent
        path, bias = theta[:n_latent], theta[n_latent:]
        _, _, second = observation_terms(path[d.obs_latent] + bias[d.obs_bias], d)
        n_obs, size = len(second), n_latent + self.n_bias
        rows = np.repeat(np.arange(n_obs), 2)
        cols = np.column_stack([d.obs_latent, n_latent + d.obs_bias]).ravel()
        jac = sparse.csr_matrix((np.ones(2 * n_obs), (rows, cols)), shape=(n_obs, size))
        hess = (jac.T @ sparse.diags(second) @ jac).toarray()
        precision = 1 / self.step_var[steps]
        np.add.at(hess, (steps, steps), precision)
        np.add.at(hess, (steps - 1, steps - 1), precision)
        np.add.at(hess, (steps, steps - 1), -precision)
        np.add.at(hess, (steps - 1, steps), -precision)
        starts = np.flatnonzero(d.is_start)
        hess[starts, starts] += 1 / self.level_sd ** 2
        biases = n_latent + np.arange(self.n_bias)
        # The t prior's own curvature turns negative in its tails; its positive majoriser
        # (nu + 1) / (nu s^2 + b^2) keeps the Laplace covariance proper.
        hess[biases, biases] += (self.bias_df + 1) / (self.bias_df * d.bias_scale ** 2
                                                      + bias ** 2)
        return hess

    def initial(self) -> np.ndarray:
        """A start near the data: every date of a series at its typical claim."""
        series_of = np.cumsum(self.d.is_start) - 1
        return np.concatenate([self.d.level_prior[series_of], np.zeros(self.n_bias)])


def project_monotone(paths: np.ndarray, design: Design, weights: np.ndarray) -> np.ndarray:
    """Each draw's cumulative series made non-decreasing by weighted isotonic regression."""
    monotone = np.flatnonzero(design.monotone)
    if monotone.size == 0:
        return paths
    # Offsets far larger than any log figure keep series apart, so one isotonic fit per draw
    # fits every cumulative series at once without linking neighbours.
    series_of = (np.cumsum(design.is_start) - 1)[monotone]
    offsets = series_of * 1e4
    projected = paths.copy()
    for i in range(paths.shape[1]):
        fitted = isotonic_regression(paths[monotone, i] + offsets, weights=weights[monotone])
        projected[monotone, i] = fitted.x - offsets
    return projected


def fit(design: Design, settings: Settings) -> tuple[np.ndarray, np.ndarray, Posterior]:
    """MAP parameters and monotone draws of the latent paths (Laplace, then projection)."""
    posterior = Posterior(design, settings)
    result = minimize(posterior.value_and_grad, posterior.initial(), jac=True,
                      method="L-BFGS-B", options={"maxiter": 20000, "maxfun": 40000})
    if not np.all(np.isfinite(result.x)):
        raise ModelError(f"the statistical fit did not converge: {result.message}")
    hess = posterior.hessian(result.x)
    jitter = 0.0
    for _ in range(8):
        try:
            factor, _ = cho_factor(hess + jitter * np.eye(len(hess)), lower=True)
            break
        except np.linalg.LinAlgError:
            jitter = max(jitter * 10, 1e-6)
    else:
        raise ModelError("the posterior curvature is not positive definite")
    rng = np.random.default_rng(settings.model.seed)
    noise = rng.standard_normal((len(hess), settings.model.draws))
    # theta = MAP + L^-T z has covariance (L L^T)^-1 = H^-1
    draws = result.x[:, None] + solve_triangular(np.tril(factor), noise, lower=True, trans="T")
    paths = project_monotone(draws[: posterior.n_latent], design,
                             np.diag(hess)[: posterior.n_latent])
    return result.x, paths, posterior


def model_points(series: list[Series],
                 settings: Settings) -> dict[str, tuple[list[EstimatePoint], dict[str, float]]]:
    """For each series id: points (median and credible interval) and its claimants' biases."""
    usable = [s for s in series if s.counted()]
    results: dict[str, tuple[list[EstimatePoint], dict[str, float]]] = {
        s.id: ([], {}) for s in series}
    if not usable:
        return results
    design, series_dates = build_design(usable, settings)
    theta, paths, posterior = fit(design, settings)
    figures = np.expm1(paths)
    tail = (1 - settings.model.interval) / 2
    low, median, high = np.quantile(figures, [tail, 0.5, 1 - tail], axis=1)
    bias = theta[posterior.n_latent:]
    offset = 0
    for s, dates in zip(usable, series_dates):
        counted = s.counted()
        points = []
        for i, when in enumerate(dates):
            k = offset + i
            used = sorted(m.claim.id for m in counted
                          if m.claim.date == when or (s.nature in ("cumulative", "stock")
                                                      and m.claim.date < when))
            points.append(EstimatePoint(
                date=when, low=round(max(low[k], 0)), best=round(max(median[k], 0)),
                high=round(max(high[k], 0)), claims=tuple(used),
                basis={"method": f"posterior median and {settings.model.interval:.0%} "
                                 f"credible interval (MAP + Laplace approximation)"}))
        offset += len(dates)
        speakers = {f"{m.claim.claimant_name} ({settings.classes[m.claimant_class].label})"
                    for m in counted}
        factors = {name: float(np.exp(bias[j])) for j, name in enumerate(design.bias_names)
                   if name in speakers}
        results[s.id] = (points, dict(sorted(factors.items())))
    return results
