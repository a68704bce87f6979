import { Controller, Get, Route, Security, Tags } from '@tsoa/runtime';
import { documentParams, type ParamDoc } from '../../probes/params.js';
import type { Capability } from '../../probes/probe.js';
import { PROBES } from '../../probes/registry.js';
import { TIMING_PARAMS } from '../../scans/request.js';

export interface ProbeDescription {
  type: string;
  description: string;
  /** NSE-style: `intrusive` probes can be forbidden by policy. */
  category: 'safe' | 'intrusive';
  /** `target`: sent to each target; `multicast`: sent once to a group, answers kept from targets. */
  reach: 'target' | 'multicast';
  parameters: ParamDoc[];
}

export interface ProbeCatalogue {
  probes: ProbeDescription[];
  timing: ParamDoc[];
}

/** The tools some probe option needs. */
const TOOLS: readonly Capability[] = [...new Set(PROBES.flatMap((p) => p.params.flatMap((param) => (param.requires ? [param.requires] : []))))];

@Route('v1/probes')
@Tags('probes')
export class ProbesController extends Controller {
  /** `lacking`: which tools the machines that probe lack (this server, or with sensors any live one). */
  constructor(private readonly lacking: (tools: readonly Capability[]) => Promise<Capability[]>) {
    super();
  }

  /**
   * The probe catalogue: each probe type, its parameters with defaults and limits, its category.
   * @summary List the probe catalogue
   */
  @Get()
  @Security('bearer', ['scans:read'])
  public async listProbes(): Promise<ProbeCatalogue> {
    const lacking = await this.lacking(TOOLS);
    const has = (tool: string): boolean => !(lacking as string[]).includes(tool);
    return {
      probes: PROBES.map((p) => ({ type: p.type, description: p.description, category: p.category, reach: p.reach, parameters: documentParams(p.params, has) })),
      timing: documentParams(TIMING_PARAMS),
    };
  }
}
