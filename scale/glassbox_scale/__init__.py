"""glassbox_scale: pretraining a glassbox GPT-2 with PyTorch's torch.distributed (torchrun + DDP).

The bridge between glassbox's files and PyTorch: it reads `glassbox data prepare` folders, builds a
GPT-2 whose state dict carries transformers' GPT2LMHeadModel names, trains it with glassbox's exact
recipe (AdamW, schedule, clipping, accumulation, batch sampler) and writes glassbox's checkpoint
folders and metrics.jsonl. Entry point: scale/train_ddp.py. Only torch and numpy are needed.
"""
