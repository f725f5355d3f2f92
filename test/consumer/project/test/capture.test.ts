import { Orchestrator } from '@tooltrace/core';
import { captureSpans, stepSelector } from '@tooltrace/testing';
import { expect, test } from 'vitest';
import { plan, tools } from '../src/tools.js';

test('metrics runs after primary', async () => {
  const capture = captureSpans();
  await new Orchestrator({ tools }).run(plan);

  expect(capture).toMatchPlan(plan);
  expect(capture).toHaveLinkTo(stepSelector('metrics'), stepSelector('primary'));
  expect(capture).not.toHaveSpan(stepSelector('missing'));
});
