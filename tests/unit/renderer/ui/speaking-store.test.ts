/** The speaking store tells each person's listeners only about that person, only on a change. */
import { describe, expect, it } from 'vitest'
import { createSpeakingStore } from '../../../../src/renderer/src/ui/speaking/speaking-store'

describe('speaking store', () => {
  it('notifies a listener only when its person starts or stops', () => {
    const store = createSpeakingStore()
    const heard: string[] = []
    store.subscribe('ann', () => heard.push(`ann:${store.isSpeaking('ann')}`))
    store.subscribe('ben', () => heard.push(`ben:${store.isSpeaking('ben')}`))

    store.set('ann', true)
    store.set('ann', true)
    store.set('ann', true)
    store.set('ben', false)
    store.set('ann', false)
    expect(heard).toEqual(['ann:true', 'ann:false'])
  })

  it('stops notifying after unsubscribe, and lists who speaks', () => {
    const store = createSpeakingStore()
    let calls = 0
    const unsubscribe = store.subscribe('ann', () => calls++)
    store.set('ann', true)
    unsubscribe()
    store.set('ann', false)
    store.set('ben', true)
    expect(calls).toBe(1)
    expect([...store.speakers()]).toEqual(['ben'])
  })
})
